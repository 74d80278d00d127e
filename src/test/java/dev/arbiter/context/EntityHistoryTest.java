package dev.arbiter.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.intake.AlertSubject;
import dev.arbiter.intake.SubjectsStored;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Entity history: the entities of one alert are read in one statement, each with its own figures, in the order
 * given; a very noisy entity is read from at most the newest {@code arbiter.context.history-limit} rows; what this
 * replica holds of an entity answers as the database would while alerts are committed and time moves on.
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

    @Inject
    Event<SubjectsStored> subjectsStored;

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

    /**
     * Random histories, noisy and quiet, with rows on the window's edges, ties and bursts of alerts at one time (more
     * than are read): after the first read, alerts are
     * committed the way the service commits them (rows and their event in one transaction, observed after commit), one
     * in five rolled back instead, while the decision time moves forward and now and then back, once to before the
     * first read, where rows that were not read count. Every answer is
     * compared with the figures computed here from the rows in the database. Scores are large, so that a row missed
     * or counted twice moves the rounded sum by more than rounding does.
     */
    @Test
    void whatIsHeldAnswersAsTheDatabaseWouldWhileAlertsAreCommitted() throws Exception {
        Random random = new Random(20261201);
        long windowSeconds = config.historyWindowHours() * 3600L;
        long lookbackSeconds = config.riskLookbackHours() * 3600L;
        for (int trial = 0; trial < 12; trial++) {
            String host = "held-" + trial + "-" + UUID.randomUUID().toString().substring(0, 8);
            Instant first = TestClock.START.plusSeconds((1000 + trial) * 24 * 3600L);
            Instant now = first;
            List<Row> rows = new ArrayList<>();
            int initial = trial % 3 == 0 ? random.nextInt(4) : 60 + random.nextInt(200);
            for (int i = 0; i < initial; i++) {
                rows.add(randomRow(random, now, windowSeconds, lookbackSeconds));
            }
            if (trial % 4 == 1) { // a burst: more alerts than are read, all at one time, decided at one time
                // one score: which of the tied rows the database sums is its own choice
                Instant burst = now.minusSeconds(random.nextInt(3600));
                for (int i = 0; i < config.historyLimit() * 3 / 2; i++) {
                    rows.add(new Row(burst, burst.plusSeconds(60), 3000));
                }
            }
            rows.add(new Row(now.minusSeconds(windowSeconds), now.minusSeconds(lookbackSeconds), 5000));
            rows.add(new Row(now.minusSeconds(windowSeconds + 1), now, 7000));
            store("host", host, rows, false, false);
            for (int step = 0; step < 10; step++) {
                Instant at = now;
                EntityHistoryFact fact = QuarkusTransaction.requiringNew().call(() -> history.of("host", host, at));
                assertThat(fact.priorAlerts()).as("trial %d step %d: prior alerts", trial, step)
                        .isEqualTo(priorAlerts(rows, now, windowSeconds));
                assertThat(fact.accumulatedRisk()).as("trial %d step %d: accumulated risk", trial, step)
                        .isBetween(risk(rows, now, lookbackSeconds) - 1, risk(rows, now, lookbackSeconds) + 1);

                List<Row> committed = new ArrayList<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    Instant occurred = now.minusSeconds(random.nextInt(2 * (int) windowSeconds));
                    committed.add(random.nextInt(5) == 0 ? new Row(occurred, null, 0)
                            : new Row(occurred, now.plusMillis(random.nextInt(3000)), 1000 + random.nextInt(9000)));
                }
                boolean rollBack = random.nextInt(5) == 0;
                store("host", host, committed, true, rollBack);
                if (!rollBack) {
                    rows.addAll(committed);
                }
                // once before the first read's time, far enough that what it held cannot answer every figure
                now = step == 4 ? first.minusSeconds(3600 + random.nextInt(120 * 3600))
                        : random.nextInt(6) == 0 ? now.minusSeconds(random.nextInt(600))
                        : now.plusSeconds(random.nextInt(4 * 3600));
            }
        }
    }

    /** An entity row: when its alert occurred, and when its decision was made (null: none) and what it scored. */
    private record Row(Instant occurred, Instant decided, int score) {
    }

    private static Row randomRow(Random random, Instant now, long windowSeconds, long lookbackSeconds) {
        Instant occurred = now.minusSeconds(random.nextInt((int) (2 * windowSeconds)) - 3600);
        if (random.nextInt(5) == 0) {
            return new Row(occurred, null, 0);
        }
        Instant decided = now.minusSeconds(random.nextInt((int) (lookbackSeconds + 7200)) - 600);
        return new Row(random.nextInt(10) == 0 ? occurred.truncatedTo(java.time.temporal.ChronoUnit.HOURS) : occurred,
                decided, 1000 + random.nextInt(9000));
    }

    /** What the history's statement computes, from all the rows. */
    private int priorAlerts(List<Row> rows, Instant now, long windowSeconds) {
        Instant from = now.minusSeconds(windowSeconds);
        return (int) Math.min(config.historyLimit(), rows.stream().filter(r -> !r.occurred().isBefore(from)).count());
    }

    private int risk(List<Row> rows, Instant now, long lookbackSeconds) {
        Instant after = now.minusSeconds(lookbackSeconds);
        double sum = rows.stream()
                .filter(r -> r.decided() != null && r.decided().isAfter(after) && !r.decided().isAfter(now))
                .sorted(Comparator.comparing(Row::decided).reversed())
                .limit(config.historyLimit())
                .mapToDouble(r -> r.score() * Math.pow(0.5,
                        (now.toEpochMilli() - r.decided().toEpochMilli()) / 1000.0 / HALF_LIFE_SECONDS))
                .sum();
        return (int) Math.floor(sum);
    }

    /**
     * Stores the rows in one transaction and, when {@code announce}, fires their event in it as the service does;
     * {@code rollBack} rolls the transaction back.
     */
    private void store(String kind, String entity, List<Row> rows, boolean announce, boolean rollBack)
            throws Exception {
        List<AlertSubject> subjects = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement alert = connection.prepareStatement("insert into alert (id, source, "
                             + "external_id, title, category, severity, occurred_at, received_at, raw_json) "
                             + "values (?, 'history-test', ?, 't', 'malware', 'low', ?, ?, '{}')");
                     PreparedStatement row = connection.prepareStatement("insert into alert_entity (alert_id, kind, "
                             + "entity, occurred_at, decided_at, risk_score) values (?, ?, ?, ?, ?, ?)")) {
                    for (Row r : rows) {
                        UUID id = UUID.randomUUID();
                        alert.setObject(1, id);
                        alert.setString(2, id.toString());
                        alert.setObject(3, utc(r.occurred()));
                        alert.setObject(4, utc(r.occurred()));
                        alert.addBatch();
                        row.setObject(1, id);
                        row.setString(2, kind);
                        row.setString(3, entity);
                        row.setObject(4, utc(r.occurred()));
                        row.setObject(5, r.decided() != null ? utc(r.decided()) : null);
                        row.setObject(6, r.decided() != null ? r.score() : null);
                        row.addBatch();
                        AlertSubject subject = new AlertSubject();
                        subject.alertId = id;
                        subject.kind = kind;
                        subject.entity = entity;
                        subject.occurredAt = r.occurred();
                        subject.decidedAt = r.decided();
                        subject.riskScore = r.decided() != null ? r.score() : null;
                        subjects.add(subject);
                    }
                    alert.executeBatch();
                    row.executeBatch();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                if (announce) {
                    subjectsStored.fire(new SubjectsStored(subjects));
                }
                if (rollBack) {
                    throw new RolledBack();
                }
            });
        } catch (RuntimeException e) {
            if (!(e instanceof RolledBack || e.getCause() instanceof RolledBack)) {
                throw e;
            }
            // the rows and their event are gone with the transaction
        }
    }

    private static final class RolledBack extends RuntimeException {
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= alerts; i++) {
            Instant at = now.minusSeconds(spacing * i);
            rows.add(new Row(at, at, score));
        }
        store(kind, entity.toLowerCase(), rows, false, false);
    }
}
