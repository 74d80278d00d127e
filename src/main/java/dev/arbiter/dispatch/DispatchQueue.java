package dev.arbiter.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
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

/**
 * Puts deliveries into the outbox in the transaction of the change that calls for them: a ready action (automatic,
 * or approval completed) for its responder, and every decision change for the requester's callback URL, if it gave
 * one. The row commits or rolls back with the change; the JSON body is fixed here, so every attempt sends the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class DispatchQueue {

    private static final Logger LOG = Logger.getLogger(DispatchQueue.class);

    private final OutboxRepository rows;
    private final DecisionRepository decisions;
    private final AlertRepository alerts;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transaction;

    DispatchQueue(OutboxRepository rows, DecisionRepository decisions, AlertRepository alerts, Clock clock, ObjectMapper json,
                  TransactionSynchronizationRegistry transaction) {
        this.rows = rows;
        this.decisions = decisions;
        this.alerts = alerts;
        this.clock = clock;
        this.json = json;
        this.transaction = transaction;
    }

    /** Queues the action for its responder, once: a second event for the same action changes nothing. */
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
     * Whom the decision answered. A decision this transaction made or loaded is read from its entity, with no
     * statement. Otherwise four columns are read, not the decision and the alert with their JSON: the dispatch
     * worker settles the actions of decisions nothing in its transaction loaded, and most alerts give no callback URL,
     * so loading both rows to find that out was a wide read of each per settled action (issue #9). The query does not
     * make Hibernate flush early: a transaction that changed the decision has it loaded, and an alert never changes.
     */
    private Requester requester(UUID decisionId) {
        // one read per decision and transaction: the worker settles a decision's actions in the same batch
        @SuppressWarnings("unchecked")
        Map<UUID, Requester> known = (Map<UUID, Requester>) transaction.getResource(Requester.class);
        if (known == null) {
            known = new HashMap<>();
            transaction.putResource(Requester.class, known);
        }
        return known.computeIfAbsent(decisionId, this::readRequester);
    }

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
