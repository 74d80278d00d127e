package dev.arbiter.context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.intake.AlertRepository;

/**
 * An entity's recent past as of the decision time: earlier alerts in the look-back window, and the accumulated
 * risk of earlier decisions, {@code Σ score × 0.5^(age / half-life)} over the risk look-back. Suppressed decisions
 * add nothing. Read from the entity rows of stored alerts, each of which carries the score its own decision added
 * (V13), never cached: every decision changes it.
 *
 * <p>Both figures are capped at {@link ContextConfig#historyLimit()} rows, so that reading them costs at most that
 * many index entries however noisy the entity. Read in full, a host named by a fifth of a flood cost PostgreSQL 13 ms
 * per alert after 24,000 alerts, and growing; with a cap of 1,000 the history read was still half of PostgreSQL's
 * time per alert (issue #9). The shipped rules' thresholds are 3 and 10 prior alerts and 100 and 250 of risk: an
 * entity past the default cap of 100 is far beyond them, and the newest decisions, which the sum keeps, weigh the most.
 */
@ApplicationScoped
public class EntityHistory {

    /**
     * Both figures of every entity of an alert in one statement, summed in the database: a noisy entity has hundreds
     * of earlier decisions, and reading them row by row was the largest CPU cost of a decision in the benchmark (issue
     * #9); a statement per entity cost each alert a round trip more. One block per entity, numbered by its position;
     * ages are in seconds, as doubles on both sides. The text depends only on the number of entities, so neither side
     * parses or plans it anew per alert. (A join over the unnested entities would be one text, but H2 does not let a
     * derived table see the outer query's columns.)
     *
     * <p>Run with JDBC: as a Hibernate native query, setting the statement up (parsing it for parameters, mapping the
     * result) took 4.9 % of the service's Java samples under load, and running it 0.3 % (issue #9). Each block binds
     * {@link #PARAMETERS_PER_BLOCK} parameters, in the order {@link #bind} gives.
     */
    private static final String BLOCK = """
            select %1$d,
                   (select count(*) from (select 1 from alert_entity
                                          where kind = ? and entity = ? and occurred_at >= ?
                                          limit %2$d) c),
                   (select sum(r.risk_score
                               * power(0.5, (? - cast(extract(epoch from r.decided_at) as double precision)) / ?))
                    from (select risk_score, decided_at from alert_entity
                          where kind = ? and entity = ? and decided_at > ? and decided_at <= ?
                          order by decided_at desc
                          limit %2$d) r)""";
    private static final int PARAMETERS_PER_BLOCK = 9;
    /** Most alerts name a host and an account; an alert naming more is read in several statements. */
    static final int ENTITIES_PER_STATEMENT = 4;

    private final DataSource database;
    private final ContextConfig config;
    /** The statement for 1, 2, … {@link #ENTITIES_PER_STATEMENT} entities, at index n - 1. */
    private final List<String> statements;

    EntityHistory(DataSource database, ContextConfig config) {
        this.database = database;
        this.config = config;
        this.statements = IntStream.rangeClosed(1, ENTITIES_PER_STATEMENT)
                .mapToObj(n -> IntStream.range(0, n)
                        .mapToObj(i -> BLOCK.formatted(i, config.historyLimit()))
                        .collect(Collectors.joining("\nunion all\n")))
                .toList();
    }

    /** An entity to read the history of: {@code host} or {@code user}, and its name as the alert gave it. */
    public record Entity(String kind, String name) {
    }

    public EntityHistoryFact of(String kind, String entity, Instant decisionTime) {
        return of(List.of(new Entity(kind, entity)), decisionTime).get(0);
    }

    /**
     * The history of each entity, in the order given. Up to {@link #ENTITIES_PER_STATEMENT} entities are read by one
     * statement, so there are at most that many statement texts.
     */
    public List<EntityHistoryFact> of(List<Entity> entities, Instant decisionTime) {
        EntityHistoryFact[] facts = new EntityHistoryFact[entities.size()];
        for (int from = 0; from < entities.size(); from += ENTITIES_PER_STATEMENT) {
            int to = Math.min(entities.size(), from + ENTITIES_PER_STATEMENT);
            read(entities.subList(from, to), decisionTime, facts, from);
        }
        return List.of(facts);
    }

    /**
     * On a connection of the data source, not the session's: a decision reads its context before its storing
     * transaction begins, and outside a transaction a session keeps the connection it lent to {@code Session.doWork}
     * until the request ends (its own queries give theirs back), so each alert held one connection while waiting for
     * another (SmallPoolResourceTest). Inside a transaction the data source hands out the transaction's connection.
     */
    private void read(List<Entity> entities, Instant decisionTime, EntityHistoryFact[] facts, int offset) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(statements.get(entities.size() - 1))) {
            for (int i = 0; i < entities.size(); i++) {
                bind(statement, i * PARAMETERS_PER_BLOCK, entities.get(i), decisionTime);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    int i = row.getInt(1);
                    int prior = row.getInt(2);
                    double risk = row.getDouble(3); // 0 when null: no decided alert in the look-back
                    facts[offset + i] = new EntityHistoryFact(entities.get(i).kind(), entities.get(i).name(), prior,
                            config.historyWindowHours(), (int) Math.floor(risk), config.riskHalfLifeHours());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the history of " + entities + " failed", e);
        }
    }

    /** One block's parameters, after the {@code before} of the blocks ahead of it. */
    private void bind(PreparedStatement statement, int before, Entity entity, Instant decisionTime)
            throws SQLException {
        String name = AlertRepository.normalise(entity.name());
        int p = before;
        statement.setString(++p, entity.kind());
        statement.setString(++p, name);
        statement.setObject(++p, utc(decisionTime.minus(Duration.ofHours(config.historyWindowHours()))));
        statement.setDouble(++p, decisionTime.getEpochSecond() + decisionTime.getNano() / 1e9);
        statement.setDouble(++p, config.riskHalfLifeHours() * 3600.0);
        statement.setString(++p, entity.kind());
        statement.setString(++p, name);
        statement.setObject(++p, utc(decisionTime.minus(Duration.ofHours(config.riskLookbackHours()))));
        statement.setObject(++p, utc(decisionTime));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
