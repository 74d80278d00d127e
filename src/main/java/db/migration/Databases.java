package db.migration;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.Context;

/**
 * What the Java migrations ask of the database they run on. The migrations run on PostgreSQL and on H2 in PostgreSQL
 * mode; where the two differ, a Java migration asks which one it has. Not a migration itself: Flyway takes only
 * classes that implement its {@code JavaMigration}.
 */
final class Databases {

    private Databases() {
    }

    static boolean postgres(Context context) throws SQLException {
        return context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** Runs the statements on PostgreSQL, in order; on any other database, nothing. */
    static void onPostgresOnly(Context context, String... statements) throws SQLException {
        if (!postgres(context)) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
