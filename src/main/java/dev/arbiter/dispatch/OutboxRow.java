package dev.arbiter.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One delivery in the outbox: an action to its responder, or a decision change to the requester's callback URL.
 * Its id is the delivery id and the {@code Idempotency-Key} every attempt carries.
 */
@Entity
@Table(name = "dispatch_outbox")
public class OutboxRow {

    static final String ACTION = "action";
    static final String CALLBACK = "callback";

    /** Waiting for its first attempt. */
    static final String QUEUED = "queued";
    /** Claimed by a worker; {@code dueAt} is when the claim (lease) expires. */
    static final String DISPATCHED = "dispatched";
    /** The last attempt failed; {@code dueAt} is the next attempt. */
    static final String FAILED = "failed";
    static final String SUCCEEDED = "succeeded";
    static final String DEAD_LETTERED = "dead-lettered";
    static final String NO_RESPONDER = "no-responder";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;

    @Column(name = "action_id")
    public UUID actionId;

    /** The action type, or the decision change of a callback. */
    @Column(nullable = false)
    public String event;

    @Column(name = "callback_url")
    public String callbackUrl;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "total_attempts", nullable = false)
    public int totalAttempts;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "lease_token")
    public UUID leaseToken;

    public String responder;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    boolean isAction() {
        return ACTION.equals(kind);
    }

    /** Whether an admin may send it again. */
    boolean isDeadLetter() {
        return DEAD_LETTERED.equals(status) || NO_RESPONDER.equals(status);
    }
}
