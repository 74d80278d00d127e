package dev.arbiter.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge whose value is a count read from the database each time the metrics are read (a scrape of
 * {@code /q/metrics}): the rows still waiting for a worker, which every replica sees alike. Read with plain JDBC, as a
 * scrape has no request context for Hibernate; the query should be answered from an index. When the database cannot
 * answer, the gauge reads NaN and Micrometer logs why.
 */
public final class CountGauge {

    private CountGauge() {
    }

    /** Registers the gauge {@code name}, read with {@code countQuery} (one row, one number). */
    public static void register(MeterRegistry registry, DataSource database, String name, String description,
                                String countQuery) {
        Gauge.builder(name, database, source -> count(source, countQuery))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private static double count(DataSource database, String countQuery) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(countQuery);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count for a gauge: " + e.getMessage(), e);
        }
    }
}
