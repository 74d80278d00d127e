package dev.arbiter.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import dev.arbiter.decision.ActionStatuses;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.decision.StoredAction;

/**
 * The outbox's state machine, each step one short transaction: claim due rows (lease), settle an attempt's result
 * (succeeded, retry later, dead letter), re-drive a dead letter. Keeps the action's status on the decision in step,
 * appends an audit event for every step, and tells the requester ({@link DecisionChanged}) when an action went out
 * or could not.
 */
@ApplicationScoped
@Transactional
class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final int MAX_ERROR = 500;

    /** Audit event: succeeded deliveries past the retention were deleted. */
    static final String PURGED = "dispatch.purged";

    private final OutboxRepository rows;
    private final Responders responders;
    private final ActionStatuses actions;
    private final AuditLog audit;
    private final Event<DecisionChanged> changes;
    private final Clock clock;
    private final DispatchConfig config;
    private final Backoff backoff;
    private final MissingResponderLog missingResponders = new MissingResponderLog();
    private final ObjectMapper json;

    Outbox(OutboxRepository rows, Responders responders, ActionStatuses actions, AuditLog audit,
           Event<DecisionChanged> changes, Clock clock, DispatchConfig config, ObjectMapper json) {
        this.json = json;
        this.rows = rows;
        this.responders = responders;
        this.actions = actions;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.config = config;
        this.backoff = new Backoff(config.retry().base(), config.retry().cap(), RandomGenerator.getDefault());
    }

    /**
     * Claims up to {@code limit} due rows for this worker: each gets a fresh lease token and is due again when the
     * lease expires, so a worker that dies mid-delivery loses nothing. A row whose previous lease expired gets a
     * {@code lease-expired} attempt on record first. Rows with nowhere to go are settled as {@code no-responder}.
     */
    Batch claim(int limit) {
        return claim(limit, Optional.empty());
    }

    /** As {@link #claim(int)}, taking only rows after {@code after} in the order rows are claimed. */
    Batch claim(int limit, Optional<OutboxRepository.Position> after) {
        Instant now = clock.instant();
        List<Delivery> claimed = new ArrayList<>();
        Map<String, List<UUID>> statuses = new LinkedHashMap<>(); // written at the end, one statement per status
        BiConsumer<UUID, String> setStatus = (action, status) ->
                statuses.computeIfAbsent(status, s -> new ArrayList<>()).add(action);
        OutboxRepository.Locked locked = rows.lockDue(now, limit, after);
        List<UUID> taken = locked.ids();
        for (OutboxRow row : rows.byIds(taken)) {
            if (OutboxRow.DISPATCHED.equals(row.status)) {
                // the lost attempt started when it was claimed, which is the row's last change
                record(row, row.totalAttempts, row.updatedAt, 0, null, "no result was recorded before the lease expired",
                        DispatchAttempt.LEASE_EXPIRED, Principal.SYSTEM);
                if (row.attempts >= config.retry().maxAttempts()) {
                    deadLetter(row, now, "gave up after " + row.attempts + " attempts; the last one's lease expired",
                            setStatus);
                    continue;
                }
            }
            Optional<Responders.Destination> destination = responders.destinationOf(row);
            if (destination.isEmpty()) {
                noResponder(row, now, responders.missingReason(row), row.isAction() ? target(row) : null, setStatus);
                continue;
            }
            row.attempts++;
            row.totalAttempts++;
            row.status = OutboxRow.DISPATCHED;
            row.leaseToken = UUID.randomUUID();
            row.dueAt = now.plus(config.lease());
            row.responder = destination.get().name();
            row.updatedAt = now;
            if (row.isAction()) {
                setStatus.accept(row.actionId, ActionStatuses.DISPATCHED);
            }
            audit.append(Principal.SYSTEM, row.kind + ".dispatched", row.decisionId.toString(),
                    facts(row, "attempt", row.totalAttempts, "responder", row.responder));
            claimed.add(new Delivery(row.id, row.leaseToken, row.kind, eventHeader(row), row.totalAttempts, row.responder,
                    destination.get().url(), destination.get().secret(), destination.get().timeout(), row.payload));
        }
        statuses.forEach((status, ids) -> actions.set(ids, status));
        return new Batch(taken.size(), claimed, locked.last());
    }

    /**
     * What one claim took: how many due rows, and those of them to send now; and the last row it looked at, after
     * which the next claim of the same run may go on.
     */
    record Batch(int taken, List<Delivery> deliveries, Optional<OutboxRepository.Position> last) {
    }

    /**
     * Records one attempt's result and moves the row on: succeeded; or dead-lettered when the receiver refused it
     * for good or the attempts are used up; or failed, due again after a backoff. A result whose claim was taken
     * over (its lease expired first) is kept as a {@code late} attempt and changes nothing else. Returns the attempt's
     * recorded outcome: {@code succeeded}, {@code failed} or {@code late}.
     */
    String settle(Delivery delivery, Delivery.Result result) {
        OutboxRow row = rows.findById(delivery.id(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        boolean current = OutboxRow.DISPATCHED.equals(row.status) && delivery.leaseToken().equals(row.leaseToken);
        String outcome = !current ? DispatchAttempt.LATE
                : result.succeeded() ? DispatchAttempt.SUCCEEDED : DispatchAttempt.FAILED;
        record(row, delivery.attempt(), result.startedAt(), result.durationMs(), result.statusCode(), result.error(),
                outcome, Principal.SYSTEM);
        if (!current) {
            LOG.infof("Delivery %s attempt %d answered (%s) after its lease expired; it was taken over", row.id,
                    delivery.attempt(), result.describe());
            return outcome;
        }
        row.leaseToken = null;
        row.updatedAt = now;
        if (result.succeeded()) {
            row.status = OutboxRow.SUCCEEDED;
            row.lastError = null;
            audit.append(Principal.SYSTEM, row.kind + ".succeeded", row.decisionId.toString(),
                    facts(row, "attempt", delivery.attempt(), "statusCode", result.statusCode()));
            if (row.isAction()) {
                actions.set(row.actionId, ActionStatuses.SUCCEEDED);
                changes.fire(new DecisionChanged(row.decisionId, "dispatched", actionFacts(row, target(row),
                        ActionStatuses.SUCCEEDED, "attempts", row.totalAttempts)));
            }
        } else if (result.permanent()) {
            deadLetter(row, now, "the receiver refused it (" + result.describe() + "); retrying cannot help",
                    actions::set);
        } else if (row.attempts >= config.retry().maxAttempts()) {
            deadLetter(row, now, "gave up after " + row.attempts + " attempts; the last: " + result.describe(),
                    actions::set);
        } else {
            Duration wait = backoff.delay(row.attempts);
            if (result.retryAfter() != null) { // the receiver's wish, when it asks for longer than the backoff
                Duration asked = result.retryAfter().compareTo(config.retry().maxRetryAfter()) > 0
                        ? config.retry().maxRetryAfter() : result.retryAfter();
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            row.status = OutboxRow.FAILED;
            row.dueAt = now.plus(wait);
            row.lastError = truncate(result.describe());
            if (row.isAction()) {
                actions.set(row.actionId, ActionStatuses.FAILED);
            }
            audit.append(Principal.SYSTEM, row.kind + ".failed", row.decisionId.toString(),
                    facts(row, "attempt", delivery.attempt(), "error", result.describe(), "nextAttemptAt", row.dueAt.toString()));
        }
        return outcome;
    }

    /**
     * Settles an action that is being queued as {@code no-responder} at once when no responder is configured for its
     * type, instead of leaving it for the worker: the row is inserted settled, with its audit event and the requester's
     * {@code failed} change in the same transaction. A row queued for the worker cost an update of the row and of the
     * action a few seconds later, and in a flood the worker took a tenth of the service's Java samples and reached
     * deliveries that could go out that much later (issue #9). Call it before the row is persisted. Returns whether
     * it settled the row; the action's status is then {@code no-responder}. A new decision writes such an action with
     * that status already ({@link dev.arbiter.decision.ActionResponders}), so it is not updated.
     */
    boolean settleIfNoResponder(OutboxRow row, StoredAction action) {
        if (responders.destinationOf(row).isPresent()) {
            return false;
        }
        // the action's own target: reading it back from the payload just written cost 1 % of the Java samples (issue #9)
        noResponder(row, row.createdAt, responders.missingReason(row), action.target,
                (id, status) -> action.status = status);
        return true;
    }

    /** Queues a dead letter again with a fresh attempt budget; the delivery id (idempotency key) stays the same. */
    OutboxRow redrive(UUID id, Principal admin) {
        OutboxRow row = rows.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return null;
        }
        if (!row.isDeadLetter()) {
            throw new IllegalStateException(row.status);
        }
        Instant now = clock.instant();
        String previous = row.status;
        row.status = OutboxRow.QUEUED;
        row.attempts = 0;
        row.dueAt = now;
        row.leaseToken = null;
        row.updatedAt = now;
        if (row.isAction()) {
            actions.set(row.actionId, StoredAction.QUEUED);
        }
        audit.append(admin, row.kind + ".redriven", row.decisionId.toString(),
                facts(row, "previousStatus", previous, "lastError", row.lastError == null ? "" : row.lastError));
        return row;
    }

    private void deadLetter(OutboxRow row, Instant now, String reason, BiConsumer<UUID, String> setStatus) {
        row.status = OutboxRow.DEAD_LETTERED;
        row.leaseToken = null;
        row.lastError = truncate(reason);
        row.updatedAt = now;
        LOG.warnf("Delivery %s (%s %s) dead-lettered: %s", row.id, row.kind, row.event, reason);
        audit.append(Principal.SYSTEM, row.kind + ".dead-lettered", row.decisionId.toString(),
                facts(row, "attempts", row.attempts, "reason", reason));
        if (row.isAction()) {
            setStatus.accept(row.actionId, ActionStatuses.DEAD_LETTERED);
            changes.fire(new DecisionChanged(row.decisionId, "failed", actionFacts(row, target(row),
                    ActionStatuses.DEAD_LETTERED, "reason", reason)));
        }
    }

    /** {@code target}: the action's target, for an action's row. */
    private void noResponder(OutboxRow row, Instant now, String reason, String target,
                             BiConsumer<UUID, String> setStatus) {
        row.status = OutboxRow.NO_RESPONDER;
        row.leaseToken = null;
        row.lastError = truncate(reason);
        row.updatedAt = now;
        missingResponders.count(row.id, reason, now).ifPresent(LOG::warn);
        audit.append(Principal.SYSTEM, row.kind + ".no-responder", row.decisionId.toString(), facts(row, "reason", reason));
        if (row.isAction()) {
            setStatus.accept(row.actionId, ActionStatuses.NO_RESPONDER);
            changes.fire(new DecisionChanged(row.decisionId, "failed", actionFacts(row, target,
                    ActionStatuses.NO_RESPONDER, "reason", reason)));
        }
    }

    private void record(OutboxRow row, int attempt, Instant startedAt, long durationMs, Integer statusCode,
                        String error, String outcome, Principal principal) {
        DispatchAttempt entry = new DispatchAttempt();
        entry.outboxId = row.id;
        entry.attempt = attempt;
        entry.startedAt = startedAt;
        entry.durationMs = durationMs;
        entry.statusCode = statusCode;
        entry.error = error == null ? null : truncate(error);
        entry.outcome = outcome;
        rows.persistAttempt(entry);
        Map<String, Object> facts = facts(row, "attempt", attempt, "outcome", outcome, "durationMs", durationMs);
        if (statusCode != null) {
            facts.put("statusCode", statusCode);
        }
        if (error != null) {
            facts.put("error", entry.error);
        }
        audit.append(principal, row.kind + ".attempt", row.decisionId.toString(), facts);
    }

    /** The audit payload: which delivery, of what, plus the given key/value pairs. */
    private static Map<String, Object> facts(OutboxRow row, Object... more) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("deliveryId", row.id.toString());
        facts.put("decisionId", row.decisionId.toString());
        if (row.isAction()) {
            facts.put("actionId", row.actionId.toString());
            facts.put("actionType", row.event);
        } else {
            facts.put("change", row.event);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            facts.put((String) more[i], more[i + 1]);
        }
        return facts;
    }

    /** The details of a {@code dispatched} or {@code failed} decision change. */
    private static Map<String, Object> actionFacts(OutboxRow row, String target, String status, String key,
                                                   Object value) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", row.actionId.toString());
        details.put("type", row.event);
        details.put("target", target);
        details.put("status", status);
        details.put("deliveryId", row.id.toString());
        details.put(key, value);
        return details;
    }

    private String target(OutboxRow row) {
        try {
            return json.readTree(row.payload).path("target").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** {@code action} for an action; {@code decision.<change>} for a callback. */
    private static String eventHeader(OutboxRow row) {
        return row.isAction() ? "action" : "decision." + row.event;
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /** Deletes up to {@code limit} deliveries that succeeded before {@code before}, with their attempts; returns how many. */
    int purgeSucceeded(Instant before, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = rows.getEntityManager().createNativeQuery("""
                        select id from dispatch_outbox where status = 'succeeded' and updated_at < ?1
                        order by updated_at limit ?2 for update skip locked""")
                .setParameter(1, before).setParameter(2, limit).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        rows.getEntityManager().createNativeQuery("delete from dispatch_attempt where outbox_id in (?1)")
                .setParameter(1, ids).executeUpdate();
        int deleted = rows.getEntityManager().createNativeQuery("delete from dispatch_outbox where id in (?1)")
                .setParameter(1, ids).executeUpdate();
        audit.append(Principal.SYSTEM, PURGED, "dispatch", Map.of("deleted", deleted, "succeededBefore", before.toString()));
        return deleted;
    }
}
