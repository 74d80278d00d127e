package dev.arbiter.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.engine.EntityHistoryFact;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Entity history: the entities of one alert are read in one statement, each with its own figures, in the order
 * given; a very noisy entity is read from at most the newest {@code arbiter.context.history-limit} rows.
 */
@QuarkusTest
class EntityHistoryTest {

    private static final double HALF_LIFE_SECONDS = 24 * 3600.0;

    @Inject
    EntityHistory history;

    @Inject
    DataSource dataSource;

    @Inject
    ContextConfig config;

    @Test
    void eachEntityGetsItsOwnCountAndRiskInTheOrderGiven() throws Exception {
        String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = TestClock.START.plusSeconds(800 * 24 * 3600L); // no other test's rows are this late
        insert("host", name, now, 3, 3600, 20);   // three alerts, an hour apart, score 20 each
        insert("user", name, now, 5, 3600, 10);   // the same name as an account: its own five
        insert("host", "other-" + name, now, 1, 3600, 40);

        List<EntityHistoryFact> facts = QuarkusTransaction.requiringNew().call(() -> history.of(List.of(
                new EntityHistory.Entity("user", name.toUpperCase()),
                new EntityHistory.Entity("host", name),
                new EntityHistory.Entity("host", "never-seen-" + name),
                new EntityHistory.Entity("host", "other-" + name),
                // more than one statement reads: the rest come from a second one
                new EntityHistory.Entity("user", "other-" + name),
                new EntityHistory.Entity("host", name)), now));

        assertThat(EntityHistory.ENTITIES_PER_STATEMENT).isLessThan(6);
        assertThat(facts).extracting(EntityHistoryFact::kind, EntityHistoryFact::entity, EntityHistoryFact::priorAlerts)
                .containsExactly(
                        Tuple.tuple("user", name.toUpperCase(), 5),
                        Tuple.tuple("host", name, 3),
                        Tuple.tuple("host", "never-seen-" + name, 0),
                        Tuple.tuple("host", "other-" + name, 1),
                        Tuple.tuple("user", "other-" + name, 0),
                        Tuple.tuple("host", name, 3));
        assertThat(facts).extracting(EntityHistoryFact::accumulatedRisk)
                .containsExactly(decayed(5, 10), decayed(3, 20), 0, decayed(1, 40), 0, decayed(3, 20));
        // one entity alone reads the same as in company
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.of("host", name, now))).isEqualTo(facts.get(1));
    }

    /** A very noisy entity: prior alerts and accumulated risk are read from at most the newest rows of the limit. */
    @Test
    void theNewestRowsUpToTheLimitCountAndAddUpAndOlderOnesDoNot() throws Exception {
        int limit = config.historyLimit();
        int rows = limit + 25;
        int score = 10;
        String host = "noisy-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = TestClock.START.plusSeconds(900 * 24 * 3600L); // no other test's rows name this host anyway
        insert("host", host, now, rows, 60, score); // one a minute, newest first

        EntityHistoryFact fact = QuarkusTransaction.requiringNew().call(() -> history.of("host", host, now));

        assertThat(fact.priorAlerts()).isEqualTo(limit);
        double newest = 0;
        double all = 0;
        for (int i = 1; i <= rows; i++) {
            double weight = score * Math.pow(0.5, 60.0 * i / HALF_LIFE_SECONDS);
            all += weight;
            if (i <= limit) {
                newest += weight;
            }
        }
        assertThat(all - newest).as("what the cap leaves out").isGreaterThan(100);
        assertThat(fact.accumulatedRisk()).isBetween((int) Math.floor(newest) - 1, (int) Math.floor(newest));
    }

    /** Σ score × 0.5^(age / half-life) for alerts 1, 2, … n hours before now, rounded down. */
    private static int decayed(int alerts, int score) {
        double sum = 0;
        for (int i = 1; i <= alerts; i++) {
            sum += score * Math.pow(0.5, 3600.0 * i / HALF_LIFE_SECONDS);
        }
        return (int) Math.floor(sum);
    }

    /** {@code alerts} stored alerts naming the entity, {@code spacing} seconds apart, the newest one before now. */
    private void insert(String kind, String entity, Instant now, int alerts, long spacing, int score) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement alert = connection.prepareStatement("insert into alert (id, source, external_id, title, "
                     + "category, severity, occurred_at, received_at, raw_json) values (?, 'history-test', ?, 't', "
                     + "'malware', 'low', ?, ?, '{}')");
             PreparedStatement row = connection.prepareStatement("insert into alert_entity (alert_id, kind, entity, "
                     + "occurred_at, decided_at, risk_score) values (?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= alerts; i++) {
                UUID id = UUID.randomUUID();
                OffsetDateTime at = OffsetDateTime.ofInstant(now.minusSeconds(spacing * i), ZoneOffset.UTC);
                alert.setObject(1, id);
                alert.setString(2, kind + "-" + entity + "-" + i);
                alert.setObject(3, at);
                alert.setObject(4, at);
                alert.addBatch();
                row.setObject(1, id);
                row.setString(2, kind);
                row.setString(3, entity.toLowerCase());
                row.setObject(4, at);
                row.setObject(5, at);
                row.setInt(6, score);
                row.addBatch();
            }
            alert.executeBatch();
            row.executeBatch();
        }
    }
}
