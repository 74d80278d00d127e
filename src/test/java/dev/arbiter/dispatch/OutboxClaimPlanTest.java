package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.arbiter.common.PlanSchema;

/**
 * On PostgreSQL, claiming due deliveries reads the pending rows' partial index in order and stops at the limit, however
 * large the backlog (V20): a flood once left 203,000 queued rows, and reading and sorting all of them made every claim
 * take 430 ms. Runs the migrations in a schema of its own in the test database; H2 has no partial indexes.
 */
class OutboxClaimPlanTest {


    @RegisterExtension
    final PlanSchema schema = new PlanSchema("outbox_claim_plan");

    @Test
    void aClaimReadsTheOldestDueRowsFromThePendingIndexWithoutSortingTheBacklog() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            PlanSchema.insertDecision(s);
            // a backlog of 20,000 queued rows, one a second into the past, and as many settled ones
            s.execute("insert into dispatch_outbox (id, kind, decision_id, event, payload, status, attempts, total_attempts,"
                    + " due_at, created_at, updated_at)"
                    + " select gen_random_uuid(), 'action', '" + PlanSchema.DECISION_ID + "', 'notify-soc', '{}',"
                    + " case when i % 2 = 0 then 'queued' else 'succeeded' end, 0, 0,"
                    + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', now(), now()"
                    + " from generate_series(1, 40000) i");
            s.execute("analyze dispatch_outbox");

            String claim = OutboxRepository.CANDIDATES.replace(":now", "timestamptz '2026-06-01 00:00:00+00'")
                    .replace(":limit", "20");
            assertThat(PlanSchema.explain(s, claim)).contains("ix_dispatch_outbox_pending").doesNotContain("Sort");

            List<String> due = dueTimes(s, claim);
            // the oldest queued rows, in order: i = 2, 4, ..., 40
            assertThat(due).hasSize(20);
            assertThat(due.get(0)).startsWith("2026-01-01 00:00:02");
            assertThat(due.get(19)).startsWith("2026-01-01 00:00:40");
        }
    }

    @Test
    void aClaimAfterAPositionStartsThereAndDoesNotWalkTheSettledRowsBeforeIt() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            PlanSchema.insertDecision(s);
            // no vacuum while the test runs: it would take the settled rows out of the index
            s.execute("alter table dispatch_outbox set (autovacuum_enabled = false)");
            s.execute(flood("queued", 1, 40000));
            // the worker settled the oldest 30,000; until a vacuum their entries stay in the pending index
            s.execute("update dispatch_outbox set status = 'no-responder'"
                    + " where due_at <= timestamptz '2026-01-01 00:00:00+00' + 30000 * interval '1 second'");
            s.execute("analyze dispatch_outbox");

            String now = "timestamptz '2026-06-01 00:00:00+00'";
            String fromStart = OutboxRepository.CANDIDATES.replace(":now", now).replace(":limit", "20");
            String after = OutboxRepository.CANDIDATES_AFTER.replace(":now", now).replace(":limit", "20")
                    .replace(":afterDue", "timestamptz '2026-01-01 00:00:00+00' + 30000 * interval '1 second'")
                    .replace(":afterId", "'ffffffff-ffff-ffff-ffff-ffffffffffff'");

            String plan = PlanSchema.explain(s, "(analyze, buffers) " + after);
            assertThat(plan).contains("ix_dispatch_outbox_pending").contains("ROW(").doesNotContain("Sort");
            // a few index pages and a heap page, against the hundreds a claim from the start reads
            assertThat(buffers(plan)).isLessThan(20);
            assertThat(buffers(PlanSchema.explain(s, "(analyze, buffers) " + fromStart))).isGreaterThan(100);

            List<String> due = dueTimes(s, after);
            // the next queued rows in order: 30,001 to 30,020 seconds past the start
            assertThat(due).hasSize(20);
            assertThat(due.get(0)).startsWith("2026-01-01 08:20:01");
            assertThat(due.get(19)).startsWith("2026-01-01 08:20:20");
        }
    }

    /** Rows {@code from} to {@code to} of a run of outbox rows, one a second from the start of 2026. */
    private static String flood(String status, int from, int to) {
        return "insert into dispatch_outbox (id, kind, decision_id, event, payload, status, attempts, total_attempts,"
                + " due_at, created_at, updated_at)"
                + " select gen_random_uuid(), 'action', '" + PlanSchema.DECISION_ID + "', 'notify-soc', '{}',"
                + " '" + status + "', 0, 0,"
                + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', now(), now()"
                + " from generate_series(" + from + ", " + to + ") i";
    }

    /** The due times of the rows a claim returns, in its order. */
    private static List<String> dueTimes(Statement s, String claim) throws SQLException {
        List<String> due = new ArrayList<>();
        try (ResultSet rows = s.executeQuery(claim)) {
            while (rows.next()) {
                due.add(rows.getString("due_at"));
            }
        }
        return due;
    }

    /** The buffers the whole statement read: those of the plan's top node. */
    private static int buffers(String plan) {
        Matcher m = Pattern.compile("Buffers: shared hit=(\\d+)(?: read=(\\d+))?").matcher(plan);
        assertThat(m.find()).as("buffers in %s", plan).isTrue();
        return Integer.parseInt(m.group(1)) + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
}
