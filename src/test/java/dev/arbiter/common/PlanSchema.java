package dev.arbiter.common;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own in the PostgreSQL test database, with every migration applied, for the tests that check which
 * plan PostgreSQL chooses for a statement once a table holds a flood's rows (issue #9). They run only on PostgreSQL
 * ({@code mvn test -Ppostgres}): H2 has no partial indexes and plans differently. Registered as a JUnit extension
 * ({@code @RegisterExtension final PlanSchema schema = new PlanSchema("name")}): before each test it skips the test
 * unless on PostgreSQL, else (re)creates the schema and migrates it; after each test it drops it.
 */
public final class PlanSchema implements BeforeEachCallback, AfterEachCallback {

    /** The decision {@link #insertDecision(Statement)} stores, for rows that must reference one. */
    public static final String DECISION_ID = "00000000-0000-0000-0000-000000000002";
    private static final String ALERT_ID = "00000000-0000-0000-0000-000000000001";

    private final String name;
    private final String url = System.getProperty("testdb.url");
    private final String user = System.getProperty("testdb.user", "postgres");
    private boolean migrated;

    public PlanSchema(String name) {
        this.name = name;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        assumeTrue("postgresql".equals(System.getProperty("testdb.kind")), "PostgreSQL only (mvn test -Ppostgres)");
        drop();
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").schemas(name)
                .createSchemas(true).load().migrate();
        migrated = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (migrated) {
            migrated = false;
            drop();
        }
    }

    private void drop() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }

    /** A connection whose search path starts at the schema, in UTC. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, "");
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + name + ", public");
            s.execute("set timezone to 'UTC'");
        }
        return c;
    }

    /** PostgreSQL's plan for the statement, one line per plan node ({@code explain}, without running it). */
    public static String explain(Statement s, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = s.executeQuery("explain " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** One alert and its decision ({@link #DECISION_ID}). */
    public static void insertDecision(Statement s) throws SQLException {
        s.execute("insert into alert (id, source, external_id, title, category, severity, occurred_at, received_at,"
                + " raw_json) values ('" + ALERT_ID + "', 'edr', 'x', 't', 'malware', 'high', now(), now(), '{}')");
        s.execute("insert into decision (id, alert_id, source, decided_at, last_seen_at, ruleset_version, risk_score,"
                + " risk_level, priority, sla_minutes, factors_json, explanation_json, context_json, principal_kind,"
                + " principal_id, principal_name) values ('" + DECISION_ID + "', '" + ALERT_ID + "', 'edr', now(),"
                + " now(), 'v1', 50, 'medium', 'P3', 60, '[]', '{}', '{}', 'system', 's', 's')");
    }
}
