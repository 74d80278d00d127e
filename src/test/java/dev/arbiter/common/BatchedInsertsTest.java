package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * On PostgreSQL, the service's connections send a JDBC batch of inserts as multi-row inserts
 * ({@code reWriteBatchedInserts}, application.properties): a decision's rows of one table then cost the server one
 * statement, and the benchmark served 12 % more alerts/s on average in six alternated pairs (issue #9). The API tests
 * store every decision through such connections, on H2 and on PostgreSQL.
 */
@QuarkusTest
class BatchedInsertsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postgresConnectionsRewriteBatchedInserts() throws SQLException {
        assumeTrue("postgresql".equals(System.getProperty("testdb.kind")), "PostgreSQL only (mvn test -Ppostgres)");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
                    .isTrue();
        }
    }
}
