package dev.arbiter.engine;

/**
 * An entity of this alert and its recent past: how often it appeared in earlier alerts within the look-back window,
 * and its accumulated risk, the sum of earlier decisions' scores each halved per half-life of age (risk-based
 * alerting: many modest alerts on one entity add up, old ones fade).
 *
 * @param kind            host or user
 * @param entity          the hostname or account name
 * @param priorAlerts     alerts before this one that named the entity inside the window
 * @param windowHours     the look-back window
 * @param accumulatedRisk sum of earlier decisions' risk scores × 0.5^(age / half-life), rounded down
 * @param halfLifeHours   the half-life of that decay
 */
public record EntityHistoryFact(String kind, String entity, int priorAlerts, int windowHours, int accumulatedRisk,
                                double halfLifeHours) {

    /** History without accumulated risk. */
    public EntityHistoryFact(String kind, String entity, int priorAlerts, int windowHours) {
        this(kind, entity, priorAlerts, windowHours, 0, 0);
    }

    public String getKind() {
        return kind;
    }

    public String getEntity() {
        return entity;
    }

    public int getPriorAlerts() {
        return priorAlerts;
    }

    public int getWindowHours() {
        return windowHours;
    }

    public int getAccumulatedRisk() {
        return accumulatedRisk;
    }

    public double getHalfLifeHours() {
        return halfLifeHours;
    }
}
