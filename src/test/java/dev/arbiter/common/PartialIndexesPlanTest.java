package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL, the indexes of the chain index and decision of an audit event and of a decision's fingerprint hold
 * only rows that have a value (V24), and the statements that read them still do so once the tables hold a flood's
 * rows. A null entry was written for every unsealed event, every {@code alert.received} event and every decision made
 * without deduplication, and no statement read it.
 */
class PartialIndexesPlanTest {

    @RegisterExtension
    final PlanSchema schema = new PlanSchema("partial_indexes_plan");

    @Test
    void nullsAreLeftOutOfTheThreeIndexes() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            assertThat(definition(s, "ux_audit_event_chain")).contains("UNIQUE")
                    .endsWith("(chain_index) WHERE (chain_index IS NOT NULL)");
            assertThat(definition(s, "ix_audit_event_decision")).endsWith("(decision_id) WHERE (decision_id IS NOT NULL)");
            assertThat(definition(s, "ix_decision_fingerprint"))
                    .endsWith("(fingerprint, decided_at) WHERE (fingerprint IS NOT NULL)");
        }
    }

    @Test
    void theChainReadsUseTheChainIndexAndTwoEventsCannotShareAnIndex() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            // 60,000 events, a fifth naming no decision (alert.received), the newest 10,000 not sealed yet
            s.execute("insert into audit_event (occurred_at, principal_kind, principal_id, principal_name, type,"
                    + " subject_id, payload, decision_id) select timestamptz '2026-01-01 00:00:00+00'"
                    + " + i * interval '1 second', 'system', 'bench', 'bench',"
                    + " case when i % 5 = 0 then 'alert.received' else 'decision.made' end, 'alert-' || (i % 3000),"
                    + " repeat('x', 200), case when i % 5 = 0 then null else 'decision-' || (i % 3000) end"
                    + " from generate_series(1, 60000) i");
            s.execute("update audit_event set chain_index = seq, prev_hash = 'p', hash = 'h'"
                    + " where seq <= (select seq from audit_event order by seq offset 49999 limit 1)");
            s.execute("analyze audit_event");

            // AuditRepository's page in chain order, the oldest index (retention), the events of one decision
            assertThat(PlanSchema.explain(s, "select * from audit_event where 1 = 1 and chain_index > 1000"
                    + " order by chain_index fetch first 100 rows only")).contains("ux_audit_event_chain")
                    .doesNotContain("Sort");
            assertThat(PlanSchema.explain(s, "select min(chain_index) from audit_event"))
                    .contains("ux_audit_event_chain");
            assertThat(PlanSchema.explain(s, "select * from audit_event where 1 = 1"
                    + " and (decision_id = 'decision-7' or subject_id = 'decision-7')"))
                    .contains("ix_audit_event_decision").contains("ix_audit_event_subject");

            // the newest (unsealed) event sealed at the chain index the oldest already holds
            assertThatThrownBy(() -> s.execute("update audit_event set chain_index = (select min(chain_index)"
                    + " from audit_event), prev_hash = 'p', hash = 'h' where seq = (select max(seq) from audit_event)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("ux_audit_event_chain");
        }
    }

    @Test
    void theDedupLookUpUsesTheFingerprintIndex() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            // 20,000 decisions, one in ten with a fingerprint, as when deduplication is on for a few sources
            s.execute("insert into alert (id, source, external_id, title, category, severity, occurred_at,"
                    + " received_at, raw_json) select ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid,"
                    + " 'edr', 'x' || i, 't', 'malware', 'high', now(), now(), '{}' from generate_series(1, 20000) i");
            s.execute("insert into decision (id, alert_id, source, decided_at, last_seen_at, ruleset_version,"
                    + " risk_score, risk_level, priority, sla_minutes, factors_json, explanation_json, context_json,"
                    + " principal_kind, principal_id, principal_name, fingerprint)"
                    + " select ('00000000-0000-0000-0001-' || lpad(i::text, 12, '0'))::uuid,"
                    + " ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'edr',"
                    + " now() - i * interval '1 second', now(), 'v1', 50, 'medium', 'P3', 60, '[]', '{}', '{}',"
                    + " 'system', 's', 's', case when i % 10 = 0 then 'fp-' || (i % 500) end"
                    + " from generate_series(1, 20000) i");
            s.execute("analyze decision");

            // DecisionRepository.openWithFingerprint
            assertThat(PlanSchema.explain(s, "select * from decision where fingerprint = 'fp-70'"
                    + " and decided_at > now() - interval '1 hour' order by decided_at desc, id desc"
                    + " fetch first 1 rows only for no key update")).contains("ix_decision_fingerprint");
        }
    }

    private static String definition(Statement s, String index) throws SQLException {
        try (ResultSet row = s.executeQuery("select pg_get_indexdef(to_regclass('" + index + "'))")) {
            row.next();
            return row.getString(1);
        }
    }
}
