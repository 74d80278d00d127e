package dev.arbiter.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import dev.arbiter.decision.DecisionService;

/** Reading deliveries and their attempts, and re-driving dead letters, for the API. */
@ApplicationScoped
@Transactional
class DispatchService {

    private final OutboxRepository rows;
    private final Outbox outbox;
    private final DecisionService decisions;

    DispatchService(OutboxRepository rows, Outbox outbox, DecisionService decisions) {
        this.rows = rows;
        this.outbox = outbox;
        this.decisions = decisions;
    }

    Optional<DispatchView> find(UUID id) {
        return rows.findByIdOptional(id).map(this::view);
    }

    /** The decision's deliveries, oldest first; empty when the decision exists but queued none. */
    Optional<List<DispatchView>> forDecision(UUID decisionId) {
        if (decisions.find(decisionId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.forDecision(decisionId).stream().map(this::view).toList());
    }

    List<DispatchView> deadLetters(int limit) {
        return rows.deadLetters(limit).stream().map(this::view).toList();
    }

    /** Queues a dead letter again; 404 when unknown, 409 when it is not dead-lettered or without responder. */
    DispatchView redrive(UUID id, Principal admin) {
        try {
            OutboxRow row = outbox.redrive(id, admin);
            if (row == null) {
                throw ProblemException.notFound("No delivery with id " + id);
            }
            return view(row);
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("not-a-dead-letter", "Delivery " + id + " is " + e.getMessage()
                    + "; only dead-lettered and no-responder deliveries can be re-driven");
        }
    }

    private DispatchView view(OutboxRow row) {
        List<DispatchView.Attempt> attempts = rows.attempts(row.id).stream()
                .map(a -> new DispatchView.Attempt(a.attempt, a.startedAt, a.durationMs, a.statusCode, a.error, a.outcome))
                .toList();
        boolean waiting = OutboxRow.QUEUED.equals(row.status) || OutboxRow.FAILED.equals(row.status);
        boolean leased = OutboxRow.DISPATCHED.equals(row.status);
        return new DispatchView(row.id, row.kind, row.decisionId, row.actionId, row.event, row.status, row.responder,
                row.callbackUrl, waiting ? row.dueAt : null, leased ? row.dueAt : null, row.lastError, row.createdAt,
                row.updatedAt, attempts);
    }
}
