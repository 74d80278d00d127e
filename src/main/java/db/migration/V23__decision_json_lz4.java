package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A decision's JSON columns (the context snapshot, the factors, the explanation, the SSVC outcome) pass PostgreSQL's
 * 2 kB threshold together for nearly every decision, so PostgreSQL compresses them as the decision is written, with
 * pglz unless a column says otherwise. lz4 wrote 30,000 decisions of a benchmark database in about half the time
 * (585 against 1,140 ms, no indexes on either copy: 19 against 38 µs a decision), read them back a quarter faster, and
 * stored them 6 % larger (issue #9).
 *
 * <p>Applies to values written from now on. PostgreSQL only, and only where the server was built with lz4 (14 and
 * later; {@code default_toast_compression} then offers it); elsewhere, and on H2, nothing changes.
 */
public class V23__decision_json_lz4 extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!Databases.postgres(context) || !lz4(context)) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            sql.execute("alter table decision"
                    + " alter column context_json set compression lz4,"
                    + " alter column factors_json set compression lz4,"
                    + " alter column explanation_json set compression lz4,"
                    + " alter column ssvc_json set compression lz4");
        }
    }

    private static boolean lz4(Context context) throws Exception {
        try (Statement sql = context.getConnection().createStatement();
             ResultSet row = sql.executeQuery("select 1 from pg_settings"
                     + " where name = 'default_toast_compression' and 'lz4' = any(enumvals)")) {
            return row.next();
        }
    }
}
