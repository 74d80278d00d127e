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

    /** An entity this noisy is capped here; the oldest decisions beyond it matter least. */
    static final int MAX_DECISIONS = 10_000;

    private final AlertRepository alerts;
    private final EntityManager em;
    private final ContextConfig config;

    EntityHistory(AlertRepository alerts, EntityManager em, ContextConfig config) {
        this.alerts = alerts;
        this.em = em;
        this.config = config;
    }

    public EntityHistoryFact of(String kind, String entity, Instant decisionTime) {
        int prior = (int) alerts.countSubject(kind, entity, decisionTime.minus(Duration.ofHours(config.historyWindowHours())));
        return new EntityHistoryFact(kind, entity, prior, config.historyWindowHours(),
                (int) Math.floor(accumulatedRisk(kind, entity, decisionTime)), config.riskHalfLifeHours());
    }

    /**
     * Summed in the database: a noisy entity has hundreds of earlier decisions, and reading them row by row was the
     * largest CPU cost of a decision in the benchmark (issue #9). Ages are in seconds, as doubles on both sides.
     */
    double accumulatedRisk(String kind, String entity, Instant decisionTime) {
        Object sum = em.createNativeQuery("""
                        select sum(r.risk_score * power(0.5, (?5 - cast(extract(epoch from r.decided_at) as double precision)) / ?6))
                        from (select risk_score, decided_at from alert_entity
                              where kind = ?1 and entity = ?2 and decided_at > ?3 and decided_at <= ?4
                              order by decided_at desc
                              limit %d) r""".formatted(MAX_DECISIONS))
                .setParameter(1, kind)
                .setParameter(2, AlertRepository.normalise(entity))
                .setParameter(3, decisionTime.minus(Duration.ofHours(config.riskLookbackHours())))
                .setParameter(4, decisionTime)
                .setParameter(5, decisionTime.getEpochSecond() + decisionTime.getNano() / 1e9)
                .setParameter(6, config.riskHalfLifeHours() * 3600.0)
                .getSingleResult();
        return sum == null ? 0 : ((Number) sum).doubleValue();
    }
}
