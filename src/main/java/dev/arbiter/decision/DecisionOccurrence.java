package dev.arbiter.decision;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A later alert that was attached to an earlier decision with the same fingerprint instead of getting its own. */
@Entity
@Table(name = "decision_occurrence")
public class DecisionOccurrence {

    @Id
    @Column(name = "alert_id")
    public UUID alertId;

    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;
}
