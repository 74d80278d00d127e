package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The dispatch worker claims the oldest due rows that are still on their way ({@code queued}, {@code dispatched},
 * {@code failed}), {@code order by due_at, id limit n}. {@code ix_dispatch_outbox_due (status, due_at)} gives three
 * ranges, one per status, that PostgreSQL could not read in {@code due_at} order: it read every pending row and
 * sorted them. With a backlog of 203,000 queued rows after a benchmark's flood, each claim took 430 ms, plus 170 ms
 * of JIT compilation that the estimate triggered (issue #9). A partial index on {@code (due_at, id)} of the pending
 * rows alone is read in order and stops at the limit: 0.09 ms on the same table. A settled row's entry stays in it
 * until a vacuum removes it, so a claim from the start walks past those first; the worker goes on after its last batch
 * instead ({@code DispatchWorker#runWhileFull}), and V22 drops {@code ix_dispatch_outbox_due} on PostgreSQL.
 * <p>
 * Java, because only PostgreSQL has partial indexes; on H2, the embedded default for small installations, the claim
 * keeps using {@code ix_dispatch_outbox_due}.
 */
public class V20__outbox_pending_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Databases.onPostgresOnly(context, "create index ix_dispatch_outbox_pending on dispatch_outbox (due_at, id)"
                + " where status in ('queued', 'dispatched', 'failed')");
    }
}
