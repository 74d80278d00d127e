package dev.arbiter.intake;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An Idempotency-Key seen on a request: the body's fingerprint, whether it finished, and what it answered. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    static final String IN_FLIGHT = "in-flight";
    static final String DONE = "done";

    @Id
    @Column(name = "idem_key")
    public String key;

    @Column(nullable = false)
    public String fingerprint;

    @Column(nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "decision_id")
    public UUID decisionId;
}
