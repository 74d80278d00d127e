package dev.arbiter.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.common.Ids;
import dev.arbiter.decision.ActionReady;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.decision.DecisionRepository;
import dev.arbiter.decision.StoredAction;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.StoredAlert;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Puts deliveries into the outbox in the transaction of the change that calls for them: a ready action (automatic,
 * or approval completed) for its responder, and every decision change for the requester's callback URL, if it gave
 * one. The row commits or rolls back with the change; the JSON body is fixed here, so every attempt sends the same.
 * An action whose type has no responder is settled as {@code no-responder} here, not left for the worker
 * ({@link Outbox#settleIfNoResponder}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class DispatchQueue {

    private static final Logger LOG = Logger.getLogger(DispatchQueue.class);

    static final String REQUESTERS = "dispatch-requesters";

    private final OutboxRepository rows;
    private final Outbox outbox;
    private final DecisionRepository decisions;
    private final AlertRepository alerts;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transaction;
    private final CaffeineCache leftForWorker;
    private final Event<RequesterQueued> committed;

    DispatchQueue(OutboxRepository rows, Outbox outbox, DecisionRepository decisions, AlertRepository alerts,
                  Clock clock, ObjectMapper json, TransactionSynchronizationRegistry transaction,
                  @CacheName(REQUESTERS) Cache leftForWorker, Event<RequesterQueued> committed) {
        this.rows = rows;
        this.outbox = outbox;
        this.decisions = decisions;
        this.alerts = alerts;
        this.clock = clock;
        this.json = json;
        this.transaction = transaction;
        this.leftForWorker = leftForWorker.as(CaffeineCache.class);
        this.committed = committed;
    }

    /**
     * Queues the action for its responder, once: a second event for the same action changes nothing. Without a
     * responder for its type, the row is inserted as {@code no-responder} and the action says so.
     */
    void onActionReady(@Observes ActionReady ready) {
        // an action created in this transaction cannot be in the outbox yet: no need to look
        if (!ready.created() && rows.findForAction(ready.actionId()).isPresent()) {
            LOG.warnf("Action %s is already in the outbox; not queued twice", ready.actionId());
            return;
        }
        StoredDecision decision = decisions.findByIdOptional(ready.decisionId())
                .orElseThrow(() -> new IllegalStateException("No decision " + ready.decisionId()));
        StoredAction action = decision.actions.stream().filter(a -> a.id.equals(ready.actionId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No action " + ready.actionId() + " on " + ready.decisionId()));
        OutboxRow row = newRow(OutboxRow.ACTION, decision.id, action.type);
        row.actionId = action.id;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", row.id);
        body.put("actionId", action.id);
        body.put("type", action.type);
        body.put("target", action.target);
        body.put("impact", action.impact);
        body.put("decisionId", decision.id);
        body.put("priority", decision.priority);
        body.put("alert", requester(decision.id).alert());
        body.put("queuedAt", row.createdAt);
        row.payload = write(body);
        if (outbox.settleIfNoResponder(row, action)) {
            rows.persist(row); // settled, listed with the dead letters; a re-drive queues it for the worker
            return;
        }
        leaveForWorker(decision.id);
        rows.persist(row);
        if (!StoredAction.APPROVED.equals(action.status)) {
            action.status = StoredAction.QUEUED; // an approved action keeps saying so until it is dispatched
        }
    }

    /** Queues the change for the requester's callback URL, if it gave one. */
    void onDecisionChanged(@Observes DecisionChanged change) {
        Requester requester = requester(change.decisionId());
        if (requester.callbackUrl() == null) {
            return;
        }
        OutboxRow row = newRow(OutboxRow.CALLBACK, change.decisionId(), change.change());
        row.callbackUrl = requester.callbackUrl();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", row.id);
        body.put("change", change.change());
        body.put("decisionId", change.decisionId());
        body.put("decision", "/api/v1/decisions/" + change.decisionId());
        body.put("alert", requester.alert());
        body.put("occurredAt", row.createdAt);
        body.put("details", change.details());
        row.payload = write(body);
        rows.persist(row);
    }

    private OutboxRow newRow(String kind, UUID decisionId, String event) {
        Instant now = clock.instant();
        OutboxRow row = new OutboxRow();
        row.id = Ids.next();
        row.kind = kind;
        row.decisionId = decisionId;
        row.event = event;
        row.status = OutboxRow.QUEUED;
        row.dueAt = now;
        row.createdAt = now;
        row.updatedAt = now;
        return row;
    }

    /** The alert a decision answered, as callbacks and deliveries name it, and where its requester wants callbacks. */
    record Requester(UUID alertId, String source, String externalId, String callbackUrl) {

        Map<String, Object> alert() {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("id", alertId);
            alert.put("source", source);
            alert.put("externalId", externalId);
            return alert;
        }
    }

    /**
     * Whom the decision answered, which never changes once the decision is stored: an alert's source, external id and
     * callback URL are written once. Looked up in this order, with no statement for the first three:
     * <ol>
     * <li>this transaction's answers (the worker settles a decision's actions in one batch);</li>
     * <li>the answer left by the committed transaction that queued the decision's actions, taken once: the dispatch
     * worker settles those actions moments later, in a transaction that has not loaded the decision;</li>
     * <li>a decision this transaction made or loaded, read from its entity;</li>
     * <li>four columns read, not the decision and the alert with their JSON (issue #9).</li>
     * </ol>
     * A rolled-back transaction leaves nothing, so a decision that was never stored is never found.
     */
    private Requester requester(UUID decisionId) {
        Map<UUID, Requester> known = answers().known;
        Requester requester = known.get(decisionId);
        if (requester == null) {
            requester = take(decisionId).orElseGet(() -> readRequester(decisionId));
            known.put(decisionId, requester);
        }
        return requester;
    }

    /**
     * The answer a committed transaction left for the worker, removed as it is taken: the cache then holds only the
     * decisions whose queued actions are not settled yet, and stays far below its size bound while the worker keeps
     * up. (Caffeine, once full, admits a new entry only if it is asked for more often than the one it would evict:
     * entries that are asked for once would mostly be refused.)
     */
    private Optional<Requester> take(UUID decisionId) {
        Optional<Requester> left = remembered(decisionId);
        left.ifPresent(answer -> leftForWorker.invalidate(decisionId).await().indefinitely());
        return left;
    }

    /** The answer a committed transaction left for the worker, if this replica holds it and nothing took it yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<Requester> remembered(UUID decisionId) {
        CompletableFuture<Object> answer = leftForWorker.getIfPresent(decisionId);
        return answer == null ? Optional.empty() : Optional.of((Requester) answer.join());
    }

    /** This transaction's answers, and the decisions it queued actions of, whose answers it leaves once it commits. */
    private static final class Answers {
        final Map<UUID, Requester> known = new HashMap<>();
        final Set<UUID> queued = new HashSet<>();
    }

    private Answers answers() {
        Answers answers = (Answers) transaction.getResource(Answers.class);
        if (answers == null) {
            answers = new Answers();
            transaction.putResource(Answers.class, answers);
        }
        return answers;
    }

    /**
     * Leaves the decision's answer for the worker once this transaction commits, once per decision: the event is
     * observed after a successful commit only, so a rolled-back transaction leaves nothing.
     */
    private void leaveForWorker(UUID decisionId) {
        Answers answers = answers();
        if (answers.queued.add(decisionId)) {
            committed.fire(new RequesterQueued(decisionId, answers.known.get(decisionId)));
        }
    }

    /** A decision whose actions this transaction queued, and whom it answered. */
    record RequesterQueued(UUID decisionId, Requester requester) {
    }

    /** Runs after the transaction has ended, so it needs none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequesterQueued queued) {
        leftForWorker.put(queued.decisionId(), CompletableFuture.completedFuture(queued.requester()));
    }

    /**
     * Reads the requester. The query skips Hibernate's check for pending changes before it (a walk over every entity
     * the transaction holds): a transaction that changed the decision has it loaded, and an alert never changes.
     */
    private Requester readRequester(UUID decisionId) {
        EntityManager em = decisions.getEntityManager();
        StoredDecision decision = em.getReference(StoredDecision.class, decisionId);
        if (em.getEntityManagerFactory().getPersistenceUnitUtil().isLoaded(decision)) {
            StoredAlert alert = alerts.findById(decision.alertId);
            return new Requester(decision.alertId, decision.source, alert.externalId, alert.callbackUrl);
        }
        // Hibernate builds the record from the selected columns, in its constructor's order
        return em.createQuery("""
                        select d.alertId, d.source, a.externalId, a.callbackUrl
                        from StoredDecision d join StoredAlert a on a.id = d.alertId
                        where d.id = :decision""", Requester.class)
                .setParameter("decision", decisionId)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No decision " + decisionId));
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a delivery", e);
        }
    }
}
