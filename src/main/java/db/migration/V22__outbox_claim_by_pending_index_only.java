package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL the claim of due deliveries has one index to read, the partial {@code ix_dispatch_outbox_pending}
 * (V20). A claim that goes on after a position ({@code (due_at, id) > (…)}, so as not to walk again past the entries of
 * rows settled since the last vacuum) also matched {@code ix_dispatch_outbox_due (status, due_at)}, with the position's
 * due time as a lower bound; with statistics taken before a flood, the planner chose it, read every pending row from
 * there and sorted them: 115,724 rows, 152 to 236 ms per batch of 20 (issue #9). No other statement reads that index
 * on PostgreSQL, and every outbox insert and update wrote an entry to it.
 * <p>
 * H2, which has no partial indexes, keeps it for the claim.
 */
public class V22__outbox_claim_by_pending_index_only extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Databases.onPostgresOnly(context, "drop index ix_dispatch_outbox_due");
    }
}
