package dev.arbiter.audit;

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
 * On PostgreSQL, the sealer's read of the oldest unsealed events uses the partial index of unsealed events (V21) even
 * when the statistics were taken while the sealer was behind. Without it, such statistics made PostgreSQL walk the
 * primary key through every sealed event for each batch (981 ms a batch on 1.98 million events; here, without V21,
 * the plan reads {@code audit_event_pkey} and filters out 180,000 sealed rows). Runs the migrations
 * in a schema of its own in the test database; H2 has no partial indexes.
 */
class AuditSealPlanTest {

    /** What Hibernate sends for {@link AuditSealer#sealBatch()}'s query, with its limit. */
    private static final String UNSEALED = "select * from audit_event where chain_index is null order by seq"
            + " fetch first 200 rows only";

    @RegisterExtension
    final PlanSchema schema = new PlanSchema("audit_seal_plan");

    @Test
    void theSealerReadsTheUnsealedEventsFromTheirIndexWhenTheStatisticsSawABacklog() throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            // 200,000 events, of which the newest 20,000 are not sealed yet, as while a flood outpaces the sealer.
            // The planner's mistake needs a table large against the batch: reading the primary key until 200
            // unsealed rows turn up looks cheaper than fetching all 20,000 and sorting them.
            s.execute("insert into audit_event (occurred_at, principal_kind, principal_id, principal_name, type,"
                    + " subject_id, payload) select timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',"
                    + " 'system', 'bench', 'bench', 'decision.made', 'alert-' || (i % 500), repeat('x', 400)"
                    + " from generate_series(1, 200000) i");
            s.execute("update audit_event set chain_index = seq, prev_hash = 'p', hash = 'h'"
                    + " where seq <= (select seq from audit_event order by seq offset 179999 limit 1)");
            // sealing in one update moved the sealed rows to the end of the table; a table filled by inserts and
            // sealed as it goes stays in seq order (correlation 0.96 on a benchmark database)
            s.execute("cluster audit_event using audit_event_pkey");
            s.execute("analyze audit_event");

            assertThat(PlanSchema.explain(s, UNSEALED)).contains("ix_audit_event_unsealed")
                    .doesNotContain("audit_event_pkey").doesNotContain("Sort");

            List<Long> unsealed = new ArrayList<>();
            try (ResultSet rows = s.executeQuery(UNSEALED.replace("select *", "select seq"))) {
                while (rows.next()) {
                    unsealed.add(rows.getLong(1));
                }
            }
            // the sequence gives numbers 50 apart (V16): the expected order is taken from the unsealed rows as a set
            List<Long> expected = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("select seq from audit_event where hash is null")) {
                while (rows.next()) {
                    expected.add(rows.getLong(1));
                }
            }
            assertThat(expected).hasSize(20000);
            // the oldest unsealed events, in order
            assertThat(unsealed).isEqualTo(expected.stream().sorted().limit(200).toList());
        }
    }
}
