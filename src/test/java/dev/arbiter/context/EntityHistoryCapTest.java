package dev.arbiter.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.engine.EntityHistoryFact;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** A very noisy entity: prior alerts and accumulated risk are read from at most the newest 1,000 rows. */
@QuarkusTest
class EntityHistoryCapTest {

    private static final int ROWS = EntityHistory.MAX_DECISIONS + 25;
    private static final int SCORE = 10;
    private static final double HALF_LIFE_SECONDS = 24 * 3600.0;

    @Inject
    EntityHistory history;

    @Inject
    DataSource dataSource;

    @Test
    void theNewestThousandCountAndAddUpAndOlderOnesDoNot() throws Exception {
        String host = "noisy-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = TestClock.START.plusSeconds(900 * 24 * 3600L); // no other test's rows name this host anyway
        try (Connection connection = dataSource.getConnection();
             PreparedStatement alert = connection.prepareStatement("insert into alert (id, source, external_id, title, "
                     + "category, severity, occurred_at, received_at, raw_json) values (?, 'cap-test', ?, 't', 'malware', "
                     + "'low', ?, ?, '{}')");
             PreparedStatement entity = connection.prepareStatement("insert into alert_entity (alert_id, kind, entity, "
                     + "occurred_at, decided_at, risk_score) values (?, 'host', ?, ?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) { // one a minute, newest first
                UUID id = UUID.randomUUID();
                OffsetDateTime at = OffsetDateTime.ofInstant(now.minusSeconds(60L * i), ZoneOffset.UTC);
                alert.setObject(1, id);
                alert.setString(2, host + "-" + i);
                alert.setObject(3, at);
                alert.setObject(4, at);
                alert.addBatch();
                entity.setObject(1, id);
                entity.setString(2, host);
                entity.setObject(3, at);
                entity.setObject(4, at);
                entity.setInt(5, SCORE);
                entity.addBatch();
            }
            alert.executeBatch();
            entity.executeBatch();
        }

        EntityHistoryFact fact = QuarkusTransaction.requiringNew().call(() -> history.of("host", host, now));

        assertThat(fact.priorAlerts()).isEqualTo(EntityHistory.MAX_PRIOR_ALERTS);
        double newest = 0;
        double all = 0;
        for (int i = 1; i <= ROWS; i++) {
            double weight = SCORE * Math.pow(0.5, 60.0 * i / HALF_LIFE_SECONDS);
            all += weight;
            if (i <= EntityHistory.MAX_DECISIONS) {
                newest += weight;
            }
        }
        assertThat(all - newest).as("what the cap leaves out").isGreaterThan(100);
        assertThat(fact.accumulatedRisk()).isBetween((int) Math.floor(newest) - 1, (int) Math.floor(newest));
    }
}
