package dev.arbiter.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, the blast-radius budget count reads {@code ix_decision_action_budget} backwards and stops at the
 * budget, however wrong the estimate: with action type and gate taken as independent, PostgreSQL expected thousands of
 * automatic isolations where a flood had 5, and a {@code count(*)} then ran as a parallel scan, two worker processes
 * started per count (issue #9). Runs the migrations in a schema of its own in the test database.
 */
class BudgetCountPlanTest {

    private static final String SCHEMA = "budget_count_plan";
    /** What Hibernate sends for {@code Safeguards.automaticSince} with a budget of 5 and a window of an hour. */
    private static final String NEWEST_AUTOMATIC = "select decided_at from decision_action"
            + " where action_type = 'isolate-host' and gate = 'auto'"
            + " and decided_at > timestamptz '2026-06-01 11:00:00+00' order by decided_at desc fetch first 5 rows only";

    private String url;
    private String user;

    @BeforeEach
    void postgresOnly() throws SQLException {
        assumeTrue("postgresql".equals(System.getProperty("testdb.kind")), "PostgreSQL only (mvn test -Ppostgres)");
        url = System.getProperty("testdb.url");
        user = System.getProperty("testdb.user", "postgres");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").schemas(SCHEMA)
                .createSchemas(true).load().migrate();
    }

    @AfterEach
    void dropIt() throws SQLException {
        if (url != null) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    @Test
    void theCountReadsTheBudgetIndexNewestFirstAndStopsAtTheBudget() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("insert into alert (id, source, external_id, title, category, severity, occurred_at,"
                    + " received_at, raw_json) values ('00000000-0000-0000-0000-000000000001', 'edr', 'x', 't',"
                    + " 'malware', 'high', now(), now(), '{}')");
            s.execute("insert into decision (id, alert_id, source, decided_at, last_seen_at, ruleset_version,"
                    + " risk_score, risk_level, priority, sla_minutes, factors_json, explanation_json, context_json,"
                    + " principal_kind, principal_id, principal_name) values ('00000000-0000-0000-0000-000000000002',"
                    + " '00000000-0000-0000-0000-000000000001', 'edr', now(), now(), 'v1', 50, 'medium', 'P3', 60,"
                    + " '[]', '{}', '{}', 'system', 's', 's')");
            // a flood's last half hour: most actions automatic (tickets, pages), a quarter isolations held for
            // approval once the budget was used up, and the 5 isolations that went out automatically
            s.execute("insert into decision_action (id, decision_id, position, action_type, target, impact, status,"
                    + " dmn_rule, gate, decided_at)"
                    + " select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', i,"
                    + " case when i % 4 = 0 then 'isolate-host' when i % 4 = 1 then 'page-on-call'"
                    + " else 'open-ticket' end,"
                    + " 'host-' || i, 'low', 'queued', 'r',"
                    + " case when i % 4 = 0 then 'one-approver' else 'auto' end,"
                    + " timestamptz '2026-06-01 11:30:00+00' + i * interval '10 milliseconds'"
                    + " from generate_series(1, 200000) i");
            s.execute("update decision_action set gate = 'auto' where action_type = 'isolate-host'"
                    + " and position in (4, 8, 12, 16, 20)");
            s.execute("analyze decision_action");

            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = s.executeQuery("explain " + NEWEST_AUTOMATIC)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("Backward using ix_decision_action_budget")
                    .doesNotContain("Parallel").doesNotContain("Sort");

            List<String> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery(NEWEST_AUTOMATIC.replace("select decided_at", "select target"))) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            assertThat(found).containsExactly("host-20", "host-16", "host-12", "host-8", "host-4");
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + SCHEMA + ", public");
        }
        return c;
    }
}
