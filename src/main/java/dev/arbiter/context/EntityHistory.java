package dev.arbiter.context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.AlertSubject;
import dev.arbiter.intake.SubjectsStored;

/**
 * An entity's recent past as of the decision time: earlier alerts in the look-back window, and the accumulated
 * risk of earlier decisions, {@code Σ score × 0.5^(age / half-life)} over the risk look-back. Suppressed decisions
 * add nothing. Read from the entity rows of stored alerts, each of which carries the score its own decision added
 * (V13).
 *
 * <p>Both figures are capped at {@link ContextConfig#historyLimit()} rows, so that reading them costs at most that
 * many index entries however noisy the entity. Read in full, a host named by a fifth of a flood cost PostgreSQL 13 ms
 * per alert after 24,000 alerts, and growing; with a cap of 1,000 the history read was still half of PostgreSQL's
 * time per alert (issue #9). The shipped rules' thresholds are 3 and 10 prior alerts and 100 and 250 of risk: an
 * entity past the default cap of 100 is far beyond them, and the newest decisions, which the sum keeps, weigh the most.
 *
 * <p>An entity's newest rows, once read, are held for {@link ContextConfig#historyCacheTtl()} and kept current by
 * every alert this replica stores for it, after its transaction commits: a noisy entity is read once per TTL instead
 * of once per alert. The read was 39 % of PostgreSQL's statement time in the benchmark; holding the rows cut
 * PostgreSQL's CPU per alert by about a quarter and gained 14 to 22 % alerts/s (issue #9, bench/README.md). What is
 * held answers exactly what the database would, or is read again: see {@link HeldRows}. Rows another replica stores
 * are seen when the entity is next read, within the TTL, as DESIGN's caches are; alerts routed to replicas by entity
 * (DESIGN, Scale) leave nothing unseen.
 */
@ApplicationScoped
public class EntityHistory {

    /**
     * The newest rows of every entity of an alert in one statement: a statement per entity cost each alert a round
     * trip more. One block per entity, numbered by its position, with three parts: the alerts that occurred inside
     * the window (0), the decisions inside the risk look-back up to the decision time (1), and any decided after it
     * (2), which a later decision time will count. The first two stop one row after what is kept, so that the last
     * row read bounds those not read. The text depends only on the number of entities, so neither side parses or
     * plans it anew per alert.
     *
     * <p>Run with JDBC: as a Hibernate native query, setting the statement up (parsing it for parameters, mapping the
     * result) took 4.9 % of the service's Java samples under load, and running it 0.3 % (issue #9). Each block binds
     * {@link #PARAMETERS_PER_BLOCK} parameters, in the order {@link #bind} gives.
     */
    private static final String BLOCK = """
            select %1$d, 0, o.alert_id, o.occurred_at, 0
            from (select alert_id, occurred_at from alert_entity
                  where kind = ? and entity = ? and occurred_at >= ?
                  order by occurred_at desc limit %2$d) o
            union all
            select %1$d, 1, d.alert_id, d.decided_at, d.risk_score
            from (select alert_id, decided_at, coalesce(risk_score, 0) risk_score from alert_entity
                  where kind = ? and entity = ? and decided_at > ? and decided_at <= ?
                  order by decided_at desc limit %2$d) d
            union all
            select %1$d, 2, alert_id, decided_at, coalesce(risk_score, 0) from alert_entity
            where kind = ? and entity = ? and decided_at > ?""";
    private static final int PARAMETERS_PER_BLOCK = 10;
    /** Most alerts name a host and an account; an alert naming more is read in several statements. */
    static final int ENTITIES_PER_STATEMENT = 4;

    private final DataSource database;
    private final ContextConfig config;
    /** The statement for 1, 2, … {@link #ENTITIES_PER_STATEMENT} entities, at index n - 1. */
    private final List<String> statements;
    /** Rows kept per entity and kind: the limit and a margin, so that rows tied at the edge rarely force a read. */
    private final int keep;
    /** Null when the TTL is zero: every decision reads. */
    private final Cache<Key, EntityWindow> windows;

    EntityHistory(DataSource database, ContextConfig config) {
        this.database = database;
        this.config = config;
        this.keep = config.historyLimit() + Math.max(8, config.historyLimit() / 4);
        this.statements = IntStream.rangeClosed(1, ENTITIES_PER_STATEMENT)
                .mapToObj(n -> IntStream.range(0, n)
                        .mapToObj(i -> BLOCK.formatted(i, keep + 1))
                        .collect(Collectors.joining("\nunion all\n")))
                .toList();
        Duration ttl = config.historyCacheTtl();
        this.windows = ttl.isZero() || config.historyCacheEntities() == 0 ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(config.historyCacheEntities())
                .build();
    }

    /** An entity to read the history of: {@code host} or {@code user}, and its name as the alert gave it. */
    public record Entity(String kind, String name) {
    }

    /** An entity as stored: its kind and its name lower-cased. */
    private record Key(String kind, String name) {
    }

    public EntityHistoryFact of(String kind, String entity, Instant decisionTime) {
        return of(List.of(new Entity(kind, entity)), decisionTime).get(0);
    }

    /**
     * The history of each entity, in the order given: from what this replica holds where that answers it, otherwise
     * read, up to {@link #ENTITIES_PER_STATEMENT} entities per statement.
     */
    public List<EntityHistoryFact> of(List<Entity> entities, Instant decisionTime) {
        long at = micros(decisionTime);
        EntityHistoryFact[] facts = new EntityHistoryFact[entities.size()];
        List<Integer> unanswered = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            EntityWindow window = windows == null ? null : windows.getIfPresent(key(entities.get(i)));
            EntityWindow.Figures figures = window == null ? null : figures(window, at);
            if (figures != null) {
                facts[i] = fact(entities.get(i), figures);
            } else {
                unanswered.add(i);
            }
        }
        for (int from = 0; from < unanswered.size(); from += ENTITIES_PER_STATEMENT) {
            read(entities, unanswered.subList(from, Math.min(unanswered.size(), from + ENTITIES_PER_STATEMENT)), at,
                    facts);
        }
        return List.of(facts);
    }

    /**
     * Keeps what this replica holds current: after a transaction that stored alerts commits, their entity rows join
     * the windows of the entities they name. Rolled back, they never happened.
     */
    void stored(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubjectsStored stored) {
        if (windows == null) {
            return;
        }
        for (AlertSubject subject : stored.subjects()) {
            EntityWindow window = windows.getIfPresent(new Key(subject.kind, subject.entity));
            if (window != null) {
                window.committed(new EntityWindow.Row(subject.alertId, micros(subject.occurredAt),
                        subject.decidedAt != null ? micros(subject.decidedAt) : EntityWindow.Row.UNDECIDED,
                        subject.riskScore != null ? subject.riskScore : 0));
            }
        }
    }

    private EntityWindow.Figures figures(EntityWindow window, long at) {
        return window.figures(at, hours(config.historyWindowHours()), hours(config.riskLookbackHours()),
                config.riskHalfLifeHours() * 3_600_000_000.0, config.historyLimit());
    }

    private EntityHistoryFact fact(Entity entity, EntityWindow.Figures figures) {
        return new EntityHistoryFact(entity.kind(), entity.name(), figures.priorAlerts(), config.historyWindowHours(),
                (int) Math.floor(figures.accumulatedRisk()), config.riskHalfLifeHours());
    }

    /**
     * Reads the entities at the given positions in one statement and answers them from what it read, which this
     * replica then holds. A window is registered before the statement runs, so that rows committed while it runs
     * reach it.
     *
     * <p>On a connection of the data source, not the session's: a decision reads its context before its storing
     * transaction begins, and outside a transaction a session keeps the connection it lent to {@code Session.doWork}
     * until the request ends (its own queries give theirs back), so each alert held one connection while waiting for
     * another (SmallPoolResourceTest). Inside a transaction the data source hands out the transaction's connection.
     */
    private void read(List<Entity> entities, List<Integer> positions, long at, EntityHistoryFact[] facts) {
        EntityWindow[] reading = new EntityWindow[positions.size()];
        for (int b = 0; b < reading.length; b++) {
            reading[b] = new EntityWindow(keep);
            if (windows != null) {
                windows.put(key(entities.get(positions.get(b))), reading[b]);
            }
        }
        Read[] reads = new Read[positions.size()];
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(statements.get(positions.size() - 1))) {
            for (int b = 0; b < reads.length; b++) {
                reads[b] = new Read();
                bind(statement, b * PARAMETERS_PER_BLOCK, entities.get(positions.get(b)), at);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    reads[row.getInt(1)].add(row.getInt(2), row.getObject(3, UUID.class),
                            micros(row.getObject(4, OffsetDateTime.class).toInstant()), row.getInt(5));
                }
            }
        } catch (SQLException e) {
            if (windows != null) {
                positions.forEach(p -> windows.invalidate(key(entities.get(p))));
            }
            throw new IllegalStateException("Reading the history of " + entities + " failed", e);
        }
        for (int b = 0; b < reads.length; b++) {
            reads[b].into(reading[b], at);
            Entity entity = entities.get(positions.get(b));
            EntityWindow.Figures figures = figures(reading[b], at);
            if (figures == null) { // cannot happen: a window just read answers its own decision time
                throw new IllegalStateException("The history read for " + entity + " does not answer itself");
            }
            facts[positions.get(b)] = fact(entity, figures);
        }
    }

    /** What one block returned: the rows of each part and the alerts behind them. */
    private final class Read {
        private final long[][] times = {new long[keep + 1], new long[keep + 1], new long[4]};
        private final int[][] scores = {new int[keep + 1], new int[keep + 1], new int[4]};
        private final int[] counts = new int[3];
        private final Set<UUID> occurredSeen = new HashSet<>();
        private final Set<UUID> decidedSeen = new HashSet<>();

        void add(int part, UUID alert, long time, int score) {
            if (counts[part] == times[part].length) { // only part 2, the decisions after the decision time
                times[part] = Arrays.copyOf(times[part], counts[part] * 2);
                scores[part] = Arrays.copyOf(scores[part], counts[part] * 2);
            }
            times[part][counts[part]] = time;
            scores[part][counts[part]++] = score;
            (part == 0 ? occurredSeen : decidedSeen).add(alert);
        }

        /**
         * Parts 0 and 1 stopped at {@code keep + 1} rows when there were more: then the last row bounds the rest;
         * otherwise they read everything inside their window, and the window's edge does.
         */
        void into(EntityWindow window, long at) {
            long occurredCeiling = counts[0] > keep ? min(times[0], counts[0])
                    : at - hours(config.historyWindowHours()) - 1;
            HeldRows occurred = new HeldRows(times[0], scores[0], counts[0], occurredCeiling);
            long decidedCeiling = counts[1] > keep ? min(times[1], counts[1])
                    : at - hours(config.riskLookbackHours());
            HeldRows decided = new HeldRows(times[1], scores[1], counts[1], decidedCeiling);
            for (int i = 0; i < counts[2]; i++) {
                decided.add(times[2][i], scores[2][i]);
            }
            window.read(occurred, decided, occurredSeen, decidedSeen);
        }
    }

    /** One block's parameters, after the {@code before} of the blocks ahead of it. */
    private void bind(PreparedStatement statement, int before, Entity entity, long at) throws SQLException {
        String name = AlertRepository.normalise(entity.name());
        int p = before;
        statement.setString(++p, entity.kind());
        statement.setString(++p, name);
        statement.setObject(++p, utc(at - hours(config.historyWindowHours())));
        statement.setString(++p, entity.kind());
        statement.setString(++p, name);
        statement.setObject(++p, utc(at - hours(config.riskLookbackHours())));
        statement.setObject(++p, utc(at));
        statement.setString(++p, entity.kind());
        statement.setString(++p, name);
        statement.setObject(++p, utc(at));
    }

    private static Key key(Entity entity) {
        return new Key(entity.kind(), AlertRepository.normalise(entity.name()));
    }

    private static long min(long[] values, int count) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    private static long hours(long hours) {
        return hours * 3_600_000_000L;
    }

    /** Microseconds since the epoch, rounded as both databases round what they store. */
    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + (instant.getNano() + 500) / 1000;
    }

    private static OffsetDateTime utc(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
