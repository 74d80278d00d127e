package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.arbiter.audit.H2AuditGuard;

/**
 * Makes the audit log append-only in the database itself: events may be inserted unsealed, their seal columns set
 * once, and deleted only by retention (a row in {@code audit_purge_permit} inside the deleting transaction);
 * checkpoints may only be inserted. PostgreSQL gets plpgsql triggers; H2 gets {@link H2AuditGuard}, a Java trigger
 * with the same rules (H2 has no plpgsql, and embedded H2 has one all-powerful user, see the README).
 */
public class V8_1__audit_guards extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement sql = context.getConnection().createStatement()) {
            if (Databases.postgres(context)) {
                sql.execute(POSTGRES_EVENT_GUARD);
                sql.execute("create trigger audit_event_guard before insert or update or delete on audit_event "
                        + "for each row execute function audit_event_guard()");
                sql.execute(POSTGRES_REFUSE);
                sql.execute("create trigger audit_event_no_truncate before truncate on audit_event "
                        + "for each statement execute function audit_refuse()");
                sql.execute("create trigger audit_checkpoint_guard before update or delete on audit_checkpoint "
                        + "for each row execute function audit_refuse()");
                sql.execute("create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint "
                        + "for each statement execute function audit_refuse()");
            } else {
                String guard = H2AuditGuard.class.getName();
                sql.execute("create trigger audit_event_guard before insert, update, delete on audit_event "
                        + "for each row call '" + guard + "'");
                sql.execute("create trigger audit_checkpoint_guard before update, delete on audit_checkpoint "
                        + "for each row call '" + guard + "'");
            }
        }
    }

    private static final String POSTGRES_EVENT_GUARD = """
            create or replace function audit_event_guard() returns trigger language plpgsql as $$
            begin
                if tg_op = 'INSERT' then
                    if new.chain_index is not null or new.prev_hash is not null or new.hash is not null then
                        raise exception 'audit_event: events are inserted unsealed' using errcode = '42501';
                    end if;
                    return new;
                elsif tg_op = 'UPDATE' then
                    if old.chain_index is null and old.prev_hash is null and old.hash is null
                            and new.chain_index is not null and new.prev_hash is not null and new.hash is not null
                            and new.seq = old.seq and new.occurred_at = old.occurred_at
                            and new.principal_kind = old.principal_kind and new.principal_id = old.principal_id
                            and new.principal_name = old.principal_name and new.type = old.type
                            and new.subject_id = old.subject_id and new.payload = old.payload
                            and new.decision_id is not distinct from old.decision_id
                            and new.priority is not distinct from old.priority
                            and new.action_type is not distinct from old.action_type
                            and new.ruleset_version is not distinct from old.ruleset_version then
                        return new;
                    end if;
                    raise exception 'audit_event is append-only: only the seal columns may be set, once'
                        using errcode = '42501';
                else
                    if old.chain_index is not null
                            and exists (select 1 from audit_purge_permit p where p.through_index >= old.chain_index) then
                        return old;
                    end if;
                    raise exception 'audit_event is append-only: events are deleted only by retention'
                        using errcode = '42501';
                end if;
            end
            $$""";

    private static final String POSTGRES_REFUSE = """
            create or replace function audit_refuse() returns trigger language plpgsql as $$
            begin
                raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
            end
            $$""";
}
