package dev.arbiter.decision;

import java.util.UUID;

/**
 * Fired synchronously, inside the transaction that made it so, when an action may go out: it was automatic, or its
 * approval completed. The dispatch feature observes it and queues the delivery in the same transaction, or settles
 * it as {@code no-responder} when no responder takes the action's type (a new one then already has that status).
 * {@code created} says the action was created in that same transaction (an automatic action of a new decision), so it
 * cannot have been queued before.
 */
public record ActionReady(UUID decisionId, UUID actionId, boolean created) {

    /** An action that existed before this transaction (its approval completed, or an admin re-drove it). */
    public ActionReady(UUID decisionId, UUID actionId) {
        this(decisionId, actionId, false);
    }
}
