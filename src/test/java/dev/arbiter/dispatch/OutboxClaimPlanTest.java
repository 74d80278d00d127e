package dev.arbiter.dispatch;

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
 * On PostgreSQL, claiming due deliveries reads the pending rows' partial index in order and stops at the limit, however
 * large the backlog (V20): a flood once left 203,000 queued rows, and reading and sorting all of them made every claim
 * take 430 ms. Runs the migrations in a schema of its own in the test database; H2 has no partial indexes.
 */
class OutboxClaimPlanTest {

    private static final String SCHEMA = "outbox_claim_plan";

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
    void aClaimReadsTheOldestDueRowsFromThePendingIndexWithoutSortingTheBacklog() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("insert into alert (id, source, external_id, title, category, severity, occurred_at, received_at,"
                    + " raw_json) values ('00000000-0000-0000-0000-000000000001', 'edr', 'x', 't', 'malware', 'high',"
                    + " now(), now(), '{}')");
            s.execute("insert into decision (id, alert_id, source, decided_at, last_seen_at, ruleset_version, risk_score,"
                    + " risk_level, priority, sla_minutes, factors_json, explanation_json, context_json, principal_kind,"
                    + " principal_id, principal_name) values ('00000000-0000-0000-0000-000000000002',"
                    + " '00000000-0000-0000-0000-000000000001', 'edr', now(), now(), 'v1', 50, 'medium', 'P3', 60, '[]',"
                    + " '{}', '{}', 'system', 's', 's')");
            // a backlog of 20,000 queued rows, one a second into the past, and as many settled ones
            s.execute("insert into dispatch_outbox (id, kind, decision_id, event, payload, status, attempts, total_attempts,"
                    + " due_at, created_at, updated_at)"
                    + " select gen_random_uuid(), 'action', '00000000-0000-0000-0000-000000000002', 'notify-soc', '{}',"
                    + " case when i % 2 = 0 then 'queued' else 'succeeded' end, 0, 0,"
                    + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', now(), now()"
                    + " from generate_series(1, 40000) i");
            s.execute("analyze dispatch_outbox");

            String claim = OutboxRepository.CANDIDATES.replace(":now", "timestamptz '2026-06-01 00:00:00+00'")
                    .replace(":limit", "20");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = s.executeQuery("explain " + claim)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("ix_dispatch_outbox_pending").doesNotContain("Sort");

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

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + SCHEMA + ", public");
            s.execute("set timezone to 'UTC'");
        }
        return c;
    }
}
