package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The sealer reads the oldest unsealed events, {@code where chain_index is null order by seq limit n}. Unsealed events
 * are always the newest, but the planner assumes they are spread evenly over {@code seq}: when autovacuum's
 * {@code ANALYZE} happens to sample the table while the sealer is behind (5 % unsealed during a flood), reading the
 * primary key in order and skipping sealed rows looks cheaper than fetching the unsealed rows and sorting them. It
 * is not: every batch then walks all sealed events first, 981 ms per batch on a benchmark database of 1.98 million
 * events with statistics taken while 100,000 were unsealed, batch after batch while the backlog lasts (issue #9;
 * found while looking for the cause of minutes-long throughput collapses, which the blast-radius budget count turned
 * out to cause, see {@code Safeguards}). A partial index of the unsealed events alone is read in order and stops at
 * the limit whatever the statistics say: 0.46 ms on the same table. A sealed event's entry stays in it until a vacuum
 * removes it, so between vacuums a read from the start also passes those (as the dispatch claim did, see V22).
 * <p>
 * Java, because only PostgreSQL has partial indexes; on H2 the sealer keeps reading {@code ux_audit_event_chain}.
 */
public class V21__audit_unsealed_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Databases.onPostgresOnly(context,
                "create index ix_audit_event_unsealed on audit_event (seq) where chain_index is null");
    }
}
