package dev.arbiter.decision;

import java.util.UUID;

/**
 * Fired synchronously, inside the transaction that made it so, when an action may go out: it was automatic, or its
 * approval completed. The dispatch feature observes it and queues the delivery in the same transaction.
 */
public record ActionReady(UUID decisionId, UUID actionId) {
}
