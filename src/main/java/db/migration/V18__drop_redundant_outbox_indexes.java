package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Two outbox indexes repeat what another index already gives on PostgreSQL (issue #9): {@code ix_dispatch_outbox_action}
 * (V11_1) duplicates the unique constraint on {@code action_id} (V7), and {@code ix_dispatch_outbox_decision} (V7) is
 * the leading column of {@code ix_dispatch_outbox_decision_seq} (V15). Outbox rows are inserted for most actions and
 * updated as they are dispatched, changing indexed columns, so every index costs an entry per insert and per update.
 * Java, because only PostgreSQL drops them: H2 backs its foreign keys with an index of the referencing columns and
 * chose these two, so there they are not redundant.
 */
public class V18__drop_redundant_outbox_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Databases.onPostgresOnly(context,
                "drop index if exists ix_dispatch_outbox_action",
                "drop index if exists ix_dispatch_outbox_decision");
    }
}
