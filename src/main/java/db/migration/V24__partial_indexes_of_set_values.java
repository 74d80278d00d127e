package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Three indexes of columns that are often null leave the nulls out on PostgreSQL (issue #9). A B-tree index holds an
 * entry for every row, null or not, and every statement that reads these indexes asks for a value, so those entries
 * were written on every insert and never read:
 * <ul>
 *   <li>{@code ux_audit_event_chain}: an event is inserted unsealed, with no chain index, and gets one when sealed.
 *       The sealer finds unsealed events through {@code ix_audit_event_unsealed} (V21); the chain-order reads,
 *       {@code min(chain_index)} and retention's delete compare chain indexes, which no null satisfies. About five
 *       events per alert.</li>
 *   <li>{@code ix_audit_event_decision}: an {@code alert.received} event names no decision. One event per alert.</li>
 *   <li>{@code ix_decision_fingerprint}: a decision has no fingerprint when deduplication is off. One per alert
 *       then.</li>
 * </ul>
 * Uniqueness is unchanged: nulls never collided. Each index is built under a new name before the old one is dropped,
 * then takes the old name, so the statements and plans that name it read the same. Java, because only PostgreSQL has
 * partial indexes; H2 keeps the full ones.
 */
public class V24__partial_indexes_of_set_values extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Databases.onPostgresOnly(context,
                "create unique index ux_audit_event_chain_set on audit_event (chain_index)"
                        + " where chain_index is not null",
                "drop index ux_audit_event_chain",
                "alter index ux_audit_event_chain_set rename to ux_audit_event_chain",
                "create index ix_audit_event_decision_set on audit_event (decision_id) where decision_id is not null",
                "drop index ix_audit_event_decision",
                "alter index ix_audit_event_decision_set rename to ix_audit_event_decision",
                "create index ix_decision_fingerprint_set on decision (fingerprint, decided_at)"
                        + " where fingerprint is not null",
                "drop index ix_decision_fingerprint",
                "alter index ix_decision_fingerprint_set rename to ix_decision_fingerprint");
    }
}
