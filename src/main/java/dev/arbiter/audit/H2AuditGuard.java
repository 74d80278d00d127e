package dev.arbiter.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.h2.api.Trigger;

/**
 * H2's version of the PostgreSQL guard triggers (migration V8_1): on {@code audit_event}, inserts must be unsealed,
 * an update may only set the seal columns once, a delete needs a retention permit; on {@code audit_checkpoint},
 * no update or delete at all. Runs inside H2 (embedded: the same JVM).
 */
public class H2AuditGuard implements Trigger {

    private static final List<String> SEAL = List.of("chain_index", "prev_hash", "hash");

    private String table;
    private final List<String> columns = new ArrayList<>();

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        this.table = tableName.toLowerCase(Locale.ROOT);
        DatabaseMetaData meta = conn.getMetaData();
        try (ResultSet rs = meta.getColumns(null, schemaName, tableName, null)) {
            List<Object[]> found = new ArrayList<>();
            while (rs.next()) {
                found.add(new Object[] {rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)});
            }
            found.sort((a, b) -> Integer.compare((int) a[0], (int) b[0]));
            found.forEach(column -> columns.add((String) column[1]));
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (!table.equals("audit_event")) {
            throw new SQLException(table + " is append-only", "42501");
        }
        if (oldRow == null) {
            for (String seal : SEAL) {
                if (newRow[columns.indexOf(seal)] != null) {
                    throw new SQLException("audit_event: events are inserted unsealed", "42501");
                }
            }
            return;
        }
        if (newRow == null) {
            Object index = oldRow[columns.indexOf("chain_index")];
            if (index != null && permitted(conn, ((Number) index).longValue())) {
                return;
            }
            throw new SQLException("audit_event is append-only: events are deleted only by retention", "42501");
        }
        for (int i = 0; i < columns.size(); i++) {
            boolean seal = SEAL.contains(columns.get(i));
            if (seal ? oldRow[i] != null || newRow[i] == null : !Objects.equals(oldRow[i], newRow[i])) {
                throw new SQLException("audit_event is append-only: only the seal columns may be set, once", "42501");
            }
        }
    }

    private static boolean permitted(Connection conn, long chainIndex) throws SQLException {
        try (PreparedStatement query = conn.prepareStatement(
                "select 1 from audit_purge_permit where through_index >= ?")) {
            query.setLong(1, chainIndex);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }
}
