package dev.arbiter.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What a database superuser can do that the application cannot: change the audit tables past the guard triggers
 * (PostgreSQL: {@code session_replication_role = replica} for one transaction; H2: drop the triggers and put them
 * back). Snapshots a chain range first so a test can put the shared database back exactly as it was.
 */
final class Tamper {

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Rows of audit_event (all columns) and audit_checkpoint in a chain range; each list starts with the column names. */
    record Snapshot(long from, long to, List<Object[]> events, List<Object[]> checkpoints) {
    }

    private final EntityManager em;

    Tamper(EntityManager em) {
        this.em = em;
    }

    void asSuperuser(Work work) {
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            try (Statement sql = connection.createStatement()) {
                if (postgres) {
                    sql.execute("set local session_replication_role = replica");
                } else {
                    sql.execute("drop trigger audit_event_guard");
                    sql.execute("drop trigger audit_checkpoint_guard");
                }
                try {
                    work.run(connection);
                } finally {
                    if (!postgres) {
                        String guard = H2AuditGuard.class.getName();
                        sql.execute("create trigger audit_event_guard before insert, update, delete on audit_event "
                                + "for each row call '" + guard + "'");
                        sql.execute("create trigger audit_checkpoint_guard before update, delete on audit_checkpoint "
                                + "for each row call '" + guard + "'");
                    }
                }
            }
        }));
    }

    Snapshot snapshot(long from, long to) {
        List<Object[]> events = new ArrayList<>();
        List<Object[]> checkpoints = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            events.addAll(rows(connection, "select * from audit_event where chain_index between ? and ?", from, to));
            checkpoints.addAll(rows(connection, "select * from audit_checkpoint where chain_index between ? and ?", from, to));
        }));
        return new Snapshot(from, to, events, checkpoints);
    }

    /** Puts the range back as snapshotted (and removes whatever was added to it, one index beyond included). */
    void restore(Snapshot snapshot) {
        asSuperuser(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from audit_event where chain_index between ? and ? or chain_index between ? and ?")) {
                delete.setLong(1, snapshot.from());
                delete.setLong(2, snapshot.to() + 1);
                delete.setLong(3, -snapshot.to() - 2);
                delete.setLong(4, -snapshot.from());
                delete.executeUpdate();
            }
            for (Object[] row : snapshot.events().subList(1, snapshot.events().size())) {
                try (PreparedStatement delete = connection.prepareStatement("delete from audit_event where seq = ?")) {
                    delete.setObject(1, row[0]);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from audit_checkpoint where chain_index between ? and ?")) {
                delete.setLong(1, snapshot.from());
                delete.setLong(2, snapshot.to());
                delete.executeUpdate();
            }
            insert(connection, "audit_event", snapshot.events());
            insert(connection, "audit_checkpoint", snapshot.checkpoints());
        });
    }

    private static List<Object[]> rows(Connection connection, String sql, long from, long to) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, from);
            query.setLong(2, to);
            try (ResultSet rs = query.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                String[] names = new String[columns];
                for (int i = 0; i < columns; i++) {
                    names[i] = rs.getMetaData().getColumnName(i + 1);
                }
                rows.add(names);
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows; // the first row holds the column names
    }

    private static void insert(Connection connection, String table, List<Object[]> rows) throws SQLException {
        if (rows.size() < 2) {
            return;
        }
        Object[] names = rows.get(0);
        StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (");
        for (int i = 0; i < names.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(names[i]);
        }
        sql.append(") values (").append("?, ".repeat(names.length - 1)).append("?)");
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (Object[] row : rows.subList(1, rows.size())) {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.executeUpdate();
            }
        }
    }
}
