package dev.arbiter.intake;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One entity (host or user, normalised to lower case) named by a stored alert, for entity history: how often the
 * entity was named, and what the alert's decision added to its accumulated risk.
 */
@Entity
@Table(name = "alert_entity")
@IdClass(AlertSubject.Key.class)
public class AlertSubject {

    @Id
    @Column(name = "alert_id")
    public UUID alertId;

    @Id
    public String kind;

    @Id
    public String entity;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** When the alert's own decision was made; null when it was suppressed or the alert was attached to another. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The risk score that decision added to the entity; null exactly when {@link #decidedAt} is. */
    @Column(name = "risk_score")
    public Integer riskScore;

    /** Composite key. */
    public static class Key implements Serializable {
        public UUID alertId;
        public String kind;
        public String entity;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(alertId, k.alertId) && Objects.equals(kind, k.kind)
                    && Objects.equals(entity, k.entity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(alertId, kind, entity);
        }
    }
}
