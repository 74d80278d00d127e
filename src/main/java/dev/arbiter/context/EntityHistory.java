package dev.arbiter.context;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

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
     * #9); a statement per entity cost each alert a round trip more and Hibernate a native query more to set up. One
     * block per entity, numbered by its position; ages are in seconds, as doubles on both sides. The text depends only
     * on the number of entities, so neither side parses or plans it anew per alert. (A join over the unnested entities
     * would be one text, but H2 does not let a derived table see the outer query's columns.)
     */
    private static final String BLOCK = """
            select %1$d,
                   (select count(*) from (select 1 from alert_entity
                                          where kind = ?%2$d and entity = ?%3$d and occurred_at >= ?1
                                          limit %4$d) c),
                   (select sum(r.risk_score
                               * power(0.5, (?4 - cast(extract(epoch from r.decided_at) as double precision)) / ?5))
                    from (select risk_score, decided_at from alert_entity
                          where kind = ?%2$d and entity = ?%3$d and decided_at > ?2 and decided_at <= ?3
                          order by decided_at desc
                          limit %4$d) r)""";
    /** The parameters every block shares come first; then kind and name of each entity. */
    private static final int FIRST_ENTITY_PARAMETER = 6;
    /** Most alerts name a host and an account; an alert naming more is read in several statements. */
    static final int ENTITIES_PER_STATEMENT = 4;

    private final EntityManager em;
    private final ContextConfig config;
    /** The statement for 1, 2, … {@link #ENTITIES_PER_STATEMENT} entities, at index n - 1. */
    private final List<String> statements;

    EntityHistory(EntityManager em, ContextConfig config) {
        this.em = em;
        this.config = config;
        this.statements = IntStream.rangeClosed(1, ENTITIES_PER_STATEMENT)
                .mapToObj(n -> IntStream.range(0, n)
                        .mapToObj(i -> BLOCK.formatted(i, FIRST_ENTITY_PARAMETER + 2 * i,
                                FIRST_ENTITY_PARAMETER + 2 * i + 1, config.historyLimit()))
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

    private void read(List<Entity> entities, Instant decisionTime, EntityHistoryFact[] facts, int offset) {
        Query query = em.createNativeQuery(statements.get(entities.size() - 1))
                .setParameter(1, decisionTime.minus(Duration.ofHours(config.historyWindowHours())))
                .setParameter(2, decisionTime.minus(Duration.ofHours(config.riskLookbackHours())))
                .setParameter(3, decisionTime)
                .setParameter(4, decisionTime.getEpochSecond() + decisionTime.getNano() / 1e9)
                .setParameter(5, config.riskHalfLifeHours() * 3600.0);
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            query.setParameter(FIRST_ENTITY_PARAMETER + 2 * i, entity.kind())
                    .setParameter(FIRST_ENTITY_PARAMETER + 2 * i + 1, AlertRepository.normalise(entity.name()));
        }
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            int i = ((Number) row[0]).intValue();
            int prior = ((Number) row[1]).intValue();
            double risk = row[2] == null ? 0 : ((Number) row[2]).doubleValue();
            facts[offset + i] = new EntityHistoryFact(entities.get(i).kind(), entities.get(i).name(), prior,
                    config.historyWindowHours(), (int) Math.floor(risk), config.riskHalfLifeHours());
        }
    }
}
