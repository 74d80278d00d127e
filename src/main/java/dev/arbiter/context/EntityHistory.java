package dev.arbiter.context;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.intake.AlertRepository;

/**
 * An entity's recent past as of the decision time: earlier alerts in the look-back window, and the accumulated
 * risk of earlier decisions, {@code Σ score × 0.5^(age / half-life)} over the risk look-back. Suppressed decisions
 * add nothing. Read from the entity rows of stored alerts, each of which carries the score its own decision added
 * (V13), never cached: every decision changes it.
 */
@ApplicationScoped
public class EntityHistory {

    /**
     * Both figures are capped, so that reading them costs at most this many index entries however noisy the entity:
     * read in full, a host named by a fifth of a flood cost PostgreSQL 13 ms per alert after 24,000 alerts, and
     * growing (issue #9). The rules' thresholds are 3 and 10 prior alerts and 100 and 250 of risk; an entity past
     * the cap is far beyond them, and the newest decisions, which the sum keeps, weigh the most.
     */
    static final int MAX_PRIOR_ALERTS = 1_000;
    static final int MAX_DECISIONS = 1_000;

    private final EntityManager em;
    private final ContextConfig config;

    EntityHistory(EntityManager em, ContextConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Both figures in one statement, summed in the database: a noisy entity has hundreds of earlier decisions, and
     * reading them row by row was the largest CPU cost of a decision in the benchmark (issue #9). Ages are in seconds,
     * as doubles on both sides. The text is a constant, so neither side parses or plans it anew per alert.
     */
    private static final String HISTORY = """
            select (select count(*) from (select 1 from alert_entity
                                          where kind = ?1 and entity = ?2 and occurred_at >= ?3
                                          limit %d) c),
                   (select sum(r.risk_score * power(0.5, (?6 - cast(extract(epoch from r.decided_at) as double precision)) / ?7))
                    from (select risk_score, decided_at from alert_entity
                          where kind = ?1 and entity = ?2 and decided_at > ?4 and decided_at <= ?5
                          order by decided_at desc
                          limit %d) r)""".formatted(MAX_PRIOR_ALERTS, MAX_DECISIONS);

    public EntityHistoryFact of(String kind, String entity, Instant decisionTime) {
        Object[] row = (Object[]) em.createNativeQuery(HISTORY)
                .setParameter(1, kind)
                .setParameter(2, AlertRepository.normalise(entity))
                .setParameter(3, decisionTime.minus(Duration.ofHours(config.historyWindowHours())))
                .setParameter(4, decisionTime.minus(Duration.ofHours(config.riskLookbackHours())))
                .setParameter(5, decisionTime)
                .setParameter(6, decisionTime.getEpochSecond() + decisionTime.getNano() / 1e9)
                .setParameter(7, config.riskHalfLifeHours() * 3600.0)
                .getSingleResult();
        int prior = ((Number) row[0]).intValue();
        double risk = row[1] == null ? 0 : ((Number) row[1]).doubleValue();
        return new EntityHistoryFact(kind, entity, prior, config.historyWindowHours(), (int) Math.floor(risk),
                config.riskHalfLifeHours());
    }
}
