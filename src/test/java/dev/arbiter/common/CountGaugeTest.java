package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CountGaugeTest {

    @Inject
    DataSource database;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void readsItsCountEachTimeItIsRead() throws Exception {
        CountGauge.register(registry, database, "test.floor.rows", "rows of the floor's table",
                "select count(*) from bench_floor");
        double before = registry.get("test.floor.rows").gauge().value();

        try (var connection = database.getConnection(); var insert = connection.prepareStatement(
                "insert into bench_floor (id, source, external_id, received_at, raw_json)"
                        + " values (?, 'test', ?, ?, '{}')")) {
            insert.setObject(1, Ids.next());
            insert.setString(2, "count-gauge");
            insert.setObject(3, OffsetDateTime.now());
            insert.executeUpdate();
        }

        assertThat(registry.get("test.floor.rows").gauge().value()).isEqualTo(before + 1);
    }

    @Test
    void aQueryTheDatabaseCannotAnswerReadsNaNAndTheScrapeGoesOn() {
        CountGauge.register(registry, database, "test.missing", "a table that is not there",
                "select count(*) from no_such_table");

        assertThat(registry.get("test.missing").gauge().value()).isNaN();
    }
}
