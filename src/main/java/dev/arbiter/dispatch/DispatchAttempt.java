package dev.arbiter.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt to deliver an outbox row: when, how long, and the receiver's status code or the error. Never updated. */
@Entity
@Table(name = "dispatch_attempt")
public class DispatchAttempt {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    /** The worker's claim expired before it recorded a result (it stopped or hung); the delivery was taken over. */
    static final String LEASE_EXPIRED = "lease-expired";
    /** A result that arrived after the claim had expired and the delivery had been taken over. */
    static final String LATE = "late";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "outbox_id", nullable = false)
    public UUID outboxId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    @Column(nullable = false)
    public String outcome;
}
