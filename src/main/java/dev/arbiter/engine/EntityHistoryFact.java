package dev.arbiter.engine;

/**
 * How often an entity of this alert appeared in earlier alerts within the look-back window.
 *
 * @param kind         host or user
 * @param entity       the hostname or account name
 * @param priorAlerts  alerts before this one that named the entity inside the window
 * @param windowHours  the look-back window
 */
public record EntityHistoryFact(String kind, String entity, int priorAlerts, int windowHours) {

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
}
