package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V19 gives every existing action its decision's time. Runs the migrations up to V18 on a database of its own (on
 * PostgreSQL, a schema of its own in the test database, dropped afterwards), stores decisions the way V18 left them, then
 * migrates to V19.
 */
class V19ActionDecidedAtTest {

    private static final String SCHEMA = "migration_v19";

    private String url;
    private String user;
    private boolean postgres;

    @BeforeEach
    void database() throws SQLException {
        postgres = "postgresql".equals(System.getProperty("testdb.kind"));
        if (postgres) {
            url = System.getProperty("testdb.url");
            user = System.getProperty("testdb.user", "postgres");
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        } else {
            url = "jdbc:h2:mem:migration_v19;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
        }
    }

    @AfterEach
    void dropIt() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(postgres ? "drop schema if exists " + SCHEMA + " cascade" : "drop all objects");
        }
    }

    @Test
    void everyExistingActionGetsItsDecisionsTimeAndTheBudgetIndexReplacesTheTypeIndex() throws SQLException {
        flyway("18").migrate();
        OffsetDateTime first = OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 0, ZoneOffset.UTC);
        OffsetDateTime second = first.plusHours(5);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            decision(s, "1", first);
            decision(s, "2", second);
            action(s, "1", "a", "isolate-host", "auto");
            action(s, "1", "b", "open-ticket", "auto");
            action(s, "2", "c", "isolate-host", "one-approver");
        }

        flyway("19").migrate();

        try (Connection c = connect(); Statement s = c.createStatement()) {
            ResultSet rows = s.executeQuery("select id, decided_at from decision_action order by id");
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getString(1).substring(35) + "@"
                        + rows.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
            }
            assertThat(seen).containsExactly("a@" + first, "b@" + first, "c@" + second);
            assertThat(indexes(c)).contains("ix_decision_action_budget").doesNotContain("ix_decision_action_type");
            // a new action must say when it was decided
            assertThatThrownBy(() -> s.execute("insert into decision_action (id, decision_id, position, action_type, target,"
                    + " impact, status, dmn_rule) values ('00000000-0000-0000-0000-00000000000d',"
                    + " '00000000-0000-0000-0000-000000000001', 9, 'block-ip', 't', 'low', 'queued', 'r')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target(target)
                .cleanDisabled(true);
        if (postgres) {
            config.schemas(SCHEMA).createSchemas(true);
        }
        return config.load();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("set search_path to " + SCHEMA + ", public");
            }
        }
        return c;
    }

    private static void decision(Statement s, String n, OffsetDateTime at) throws SQLException {
        String alert = "'00000000-0000-0000-0000-00000000010" + n + "'";
        s.execute("insert into alert (id, source, external_id, title, category, severity, occurred_at, received_at, raw_json)"
                + " values (" + alert + ", 'edr', 'x" + n + "', 't', 'malware', 'high', '" + at + "', '" + at + "', '{}')");
        s.execute("insert into decision (id, alert_id, source, decided_at, last_seen_at, ruleset_version, risk_score,"
                + " risk_level, priority, sla_minutes, factors_json, explanation_json, context_json, principal_kind,"
                + " principal_id, principal_name) values ('00000000-0000-0000-0000-00000000000" + n + "', " + alert
                + ", 'edr', '" + at + "', '" + at + "', 'v1', 50, 'medium', 'P3', 60, '[]', '{}', '{}', 'system', 's', 's')");
    }

    private static void action(Statement s, String decision, String id, String type, String gate) throws SQLException {
        s.execute("insert into decision_action (id, decision_id, position, action_type, target, impact, status, dmn_rule,"
                + " gate) values ('00000000-0000-0000-0000-00000000000" + id + "', '00000000-0000-0000-0000-00000000000"
                + decision + "', 0, '" + type + "', 'host-1', 'high', 'queued', 'r1', '" + gate + "')");
    }

    private List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, postgres ? SCHEMA : null, "decision_action", false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    names.add(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return names;
    }
}
