package dev.arbiter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.arbiter.common.Ids;
import dev.arbiter.intake.Alert;

/** Inserts the floor's one row per request, in a transaction of its own, with plain JDBC. */
@ApplicationScoped
@Transactional
public class FloorService {

    private static final String INSERT =
            "insert into bench_floor (id, source, external_id, received_at, raw_json) values (?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    FloorService(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores the alert's row; returns its id. */
    public UUID insert(Alert alert, String rawJson) {
        UUID id = Ids.next();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, alert.source());
            insert.setString(3, alert.externalId());
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.setString(5, rawJson);
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Floor insert failed", e);
        }
    }
}
