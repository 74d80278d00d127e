package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.arbiter.common.PlanSchema;

/**
 * On PostgreSQL built with lz4, a decision's JSON columns are compressed with lz4, not pglz (V23): what every decision
 * costs PostgreSQL to write. Runs the migrations in a schema of its own in the test database.
 */
class DecisionCompressionTest {

    @RegisterExtension
    final PlanSchema schema = new PlanSchema("decision_compression");

    @Test
    void aDecisionsJsonIsCompressedWithLz4() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            try (ResultSet offered = s.executeQuery("select 1 from pg_settings"
                    + " where name = 'default_toast_compression' and 'lz4' = any(enumvals)")) {
                assumeTrue(offered.next(), "this PostgreSQL was built without lz4");
            }
            PlanSchema.insertDecision(s);
            // large and repetitive, as a context snapshot of a noisy host is: PostgreSQL compresses it
            String json = "'[" + "{\"rule\": \"known-bad-ip\", \"points\": 30}, ".repeat(200) + "{}]'";
            s.execute("update decision set context_json = " + json + ", factors_json = " + json
                    + ", explanation_json = " + json + ", ssvc_json = " + json
                    + " where id = '" + PlanSchema.DECISION_ID + "'");

            try (ResultSet row = s.executeQuery("select pg_column_compression(context_json),"
                    + " pg_column_compression(factors_json), pg_column_compression(explanation_json),"
                    + " pg_column_compression(ssvc_json) from decision")) {
                assertThat(row.next()).isTrue();
                for (int column = 1; column <= 4; column++) {
                    assertThat(row.getString(column)).as("column %d", column).isEqualTo("lz4");
                }
            }
        }
    }
}
