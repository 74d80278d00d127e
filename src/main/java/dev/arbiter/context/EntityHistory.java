package dev.arbiter.context;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

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

    double accumulatedRisk(String kind, String entity, Instant decisionTime) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select risk_score, decided_at from alert_entity
                        where kind = ?1 and entity = ?2 and decided_at > ?3 and decided_at <= ?4
                        order by decided_at desc""")
                .setParameter(1, kind)
                .setParameter(2, AlertRepository.normalise(entity))
                .setParameter(3, decisionTime.minus(Duration.ofHours(config.riskLookbackHours())))
                .setParameter(4, decisionTime)
                .setMaxResults(MAX_DECISIONS)
                .getResultList();
        double halfLifeSeconds = config.riskHalfLifeHours() * 3600;
        double risk = 0;
        for (Object[] row : rows) {
            int score = ((Number) row[0]).intValue();
            double ageSeconds = Math.max(0, Duration.between(instant(row[1]), decisionTime).toMillis() / 1000.0);
            risk += score * Math.pow(0.5, ageSeconds / halfLifeSeconds);
        }
        return risk;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }
}
