package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.PlanSchema;

/**
 * On PostgreSQL, claiming due deliveries reads the pending rows' partial index in order and stops at the limit, however
 * large the backlog (V20): a flood once left 203,000 queued rows, and reading and sorting all of them made every claim
 * take 430 ms. Runs the migrations in a schema of its own in the test database; H2 has no partial indexes.
 */
class OutboxClaimPlanTest {

    private static final String SCHEMA = "outbox_claim_plan";

    private PlanSchema schema;

    @BeforeEach
    void postgresOnly() throws SQLException {
        schema = PlanSchema.migrated(SCHEMA);
    }

    @AfterEach
    void dropIt() throws SQLException {
        PlanSchema.drop(schema);
    }

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

            List<String> due = new ArrayList<>();
            try (ResultSet rows = s.executeQuery(claim.replace("select o.id", "select o.due_at"))) {
                while (rows.next()) {
                    due.add(rows.getString(1));
                }
            }
            // the oldest queued rows, in order: i = 2, 4, ..., 40
            assertThat(due).hasSize(20);
            assertThat(due.get(0)).startsWith("2026-01-01 00:00:02");
            assertThat(due.get(19)).startsWith("2026-01-01 00:00:40");
        }
    }
}
