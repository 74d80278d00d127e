package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Audit event numbers come from a sequence the application draws in blocks of 50 ({@code AuditEvent}), instead of an
 * identity column. An identity value can only be had by inserting the row, so every event was its own round trip,
 * written the moment it was appended, and it forced Hibernate to write every other pending row of the transaction
 * first; with a sequence, a decision's events go to the database in one batch at commit (issue #9). The column's
 * default draws from the same sequence, so a row inserted by hand still gets a number no block uses. The sequence
 * starts above every number already given out. Java, because H2 cannot start a sequence from a query.
 */
public class V16__audit_event_sequence extends BaseJavaMigration {

    /** Must equal the allocation size of {@code AuditEvent}'s generator. */
    static final int BLOCK = 50;

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = Databases.postgres(context);
        try (Statement sql = context.getConnection().createStatement()) {
            long max;
            try (ResultSet rs = sql.executeQuery("select coalesce(max(seq), 0) from audit_event")) {
                rs.next();
                max = rs.getLong(1);
            }
            // a block is the BLOCK numbers up to and including the value drawn: the first one must lie above max
            sql.execute("create sequence audit_event_seq start with " + (max + 2 * BLOCK) + " increment by " + BLOCK);
            sql.execute("alter table audit_event alter column seq drop identity" + (postgres ? " if exists" : ""));
            sql.execute("alter table audit_event alter column seq set default nextval('audit_event_seq')");
        }
    }
}
