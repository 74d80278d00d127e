package dev.arbiter.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.arbiter.common.PlanSchema;

/**
 * On PostgreSQL, the blast-radius budget count reads {@code ix_decision_action_budget} backwards and stops at the
 * budget, however wrong the estimate: with action type and gate taken as independent, PostgreSQL expected thousands of
 * automatic isolations where a flood had 5, and a {@code count(*)} then ran as a parallel scan, two worker processes
 * started per count (issue #9). Runs the migrations in a schema of its own in the test database.
 */
class BudgetCountPlanTest {

    /** What {@code Safeguards.automaticSince} sends with a budget of 5 and a window of an hour. */
    private static final String NEWEST_AUTOMATIC = "select id from decision_action"
            + " where action_type = 'isolate-host' and gate = 'auto'"
            + " and decided_at > timestamptz '2026-06-01 11:00:00+00' order by decided_at desc fetch first 5 rows only";

    @RegisterExtension
    final PlanSchema schema = new PlanSchema("budget_count_plan");

    @Test
    void theCountReadsTheBudgetIndexNewestFirstAndStopsAtTheBudget() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            PlanSchema.insertDecision(s);
            // a flood's last half hour: most actions automatic (tickets, pages), a quarter isolations held for
            // approval once the budget was used up, and the 5 isolations that went out automatically
            s.execute("insert into decision_action (id, decision_id, position, action_type, target, impact, status,"
                    + " dmn_rule, gate, decided_at)"
                    + " select gen_random_uuid(), '" + PlanSchema.DECISION_ID + "', i,"
                    + " case when i % 4 = 0 then 'isolate-host' when i % 4 = 1 then 'page-on-call'"
                    + " else 'open-ticket' end,"
                    + " 'host-' || i, 'low', 'queued', 'r',"
                    + " case when i % 4 = 0 then 'one-approver' else 'auto' end,"
                    + " timestamptz '2026-06-01 11:30:00+00' + i * interval '10 milliseconds'"
                    + " from generate_series(1, 200000) i");
            s.execute("update decision_action set gate = 'auto' where action_type = 'isolate-host'"
                    + " and position in (4, 8, 12, 16, 20)");
            s.execute("analyze decision_action");

            assertThat(PlanSchema.explain(s, NEWEST_AUTOMATIC)).contains("Backward using ix_decision_action_budget")
                    .doesNotContain("Parallel").doesNotContain("Sort");

            List<String> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery(NEWEST_AUTOMATIC.replace("select id", "select target"))) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            assertThat(found).containsExactly("host-20", "host-16", "host-12", "host-8", "host-4");
        }
    }
}
