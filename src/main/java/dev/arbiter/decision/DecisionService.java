package dev.arbiter.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import dev.arbiter.context.AlertContext;
import dev.arbiter.context.ContextProvider;
import dev.arbiter.decision.DecisionRepository.DecisionFilter;
import dev.arbiter.engine.AlertFact;
import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.DecisionTime;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.StoredAlert;
import dev.arbiter.ruleset.ActiveRuleset;
import dev.arbiter.security.SeparationOfDuties;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Decides alerts: looks up context, assesses with the active ruleset, and stores alert, decision, actions and
 * audit events in one transaction. The same source and external id decide once: a second submission, even one
 * racing the first, gets the first decision (the database's unique constraint decides the race).
 */
@ApplicationScoped
public class DecisionService {

    private final ActiveRuleset rulesets;
    private final ContextProvider context;
    private final AlertRepository alerts;
    private final DecisionRepository decisions;
    private final AuditLog audit;
    private final Clock clock;
    private final DecisionConfig config;
    private final DecisionMapper mapper;
    private final ObjectMapper json;
    private final SeparationOfDuties duties;
    private final Event<ActionReady> actionReady;
    private final ActionGate gate;

    DecisionService(ActiveRuleset rulesets, ContextProvider context, AlertRepository alerts, DecisionRepository decisions,
                    AuditLog audit, Clock clock, DecisionConfig config, DecisionMapper mapper, ObjectMapper json,
                    SeparationOfDuties duties, Event<ActionReady> actionReady, ActionGate gate) {
        this.duties = duties;
        this.actionReady = actionReady;
        this.gate = gate;
        this.rulesets = rulesets;
        this.context = context;
        this.alerts = alerts;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.mapper = mapper;
        this.json = json;
    }

    /** The outcome of a submission: the decision, and whether this request created it. */
    public record Submission(DecisionView decision, boolean created) {
    }

    /** Decides and stores an alert, or returns the decision already made for its source and external id. */
    public Submission submit(Alert alert, String rawJson, Principal principal) {
        Optional<DecisionView> existing = findForAlert(alert);
        if (existing.isPresent()) {
            return new Submission(existing.get(), false);
        }
        Assessed assessed = assess(alert);
        try {
            DecisionView view = QuarkusTransaction.requiringNew().call(() -> store(alert, rawJson, assessed, principal));
            return new Submission(view, true);
        } catch (RuntimeException e) {
            if (isDuplicateAlert(e)) {
                return findForAlert(alert).map(v -> new Submission(v, false)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The same computation as {@link #submit}, storing nothing. */
    public DecisionView evaluate(Alert alert) {
        Assessed assessed = assess(alert);
        Instant now = assessed.time().now();
        return mapper.dryRun(alert, assessed.assessment(), now,
                assessed.assessment().actions().stream().map(a -> gate.preview(a, now)).toList());
    }

    public Optional<DecisionView> find(UUID id) {
        return decisions.findByIdOptional(id).map(this::view);
    }

    /** The decision, if it exists and — when {@code submitter} is given — that principal submitted it. */
    public Optional<DecisionView> find(UUID id, Optional<Principal> submitter) {
        return decisions.findByIdOptional(id)
                .filter(d -> submitter.isEmpty() || submittedBy(d, submitter.get()))
                .map(this::view);
    }

    private static boolean submittedBy(StoredDecision decision, Principal principal) {
        return decision.principalKind.equals(principal.kind()) && decision.principalId.equals(principal.id());
    }

    /** One page of decisions, newest first. */
    public DecisionView.Page list(DecisionFilter filter, String cursor, int limit) {
        DecisionCursor after = cursor != null ? DecisionCursor.decode(cursor) : null;
        List<StoredDecision> page = decisions.page(filter, after, limit + 1);
        boolean more = page.size() > limit;
        List<StoredDecision> items = more ? page.subList(0, limit) : page;
        String next = more ? DecisionCursor.of(items.get(items.size() - 1)).encode() : null;
        return new DecisionView.Page(items.stream().map(this::view).toList(), next);
    }

    private Optional<DecisionView> findForAlert(Alert alert) {
        return alerts.findBySourceAndExternalId(alert.source(), alert.externalId())
                .flatMap(stored -> decisions.findByAlertId(stored.id))
                .map(this::view);
    }

    private DecisionView view(StoredDecision decision) {
        StoredAlert alert = alerts.findById(decision.alertId);
        return mapper.view(decision, alert.externalId);
    }

    /** An assessment with what it was computed from. */
    record Assessed(Assessment assessment, AlertContext context, DecisionTime time) {
    }

    private Assessed assess(Alert alert) {
        Instant now = clock.instant();
        AlertContext found = context.contextFor(alert, now);
        DecisionTime time = new DecisionTime(now, config.zone(), config.businessStart(), config.businessEnd());
        AssessmentInput input = new AssessmentInput(toFact(alert), found.hosts(), found.users(), found.ips(),
                found.files(), found.history(), time);
        return new Assessed(rulesets.get().assess(input), found, time);
    }

    static AlertFact toFact(Alert alert) {
        Alert.Mitre mitre = alert.mitreOrEmpty();
        return new AlertFact(alert.source(), alert.externalId(), alert.title(), alert.category().wireName(),
                alert.severity().wireName(), alert.confidenceOrDefault(), alert.occurredAt(),
                new LinkedHashSet<>(mitre.tacticsOrEmpty()), new LinkedHashSet<>(mitre.techniquesOrEmpty()),
                alert.attributesOrEmpty());
    }

    private DecisionView store(Alert alert, String rawJson, Assessed assessed, Principal principal) {
        Assessment assessment = assessed.assessment();
        StoredAlert stored = new StoredAlert();
        stored.id = UUID.randomUUID();
        stored.source = alert.source();
        stored.externalId = alert.externalId();
        stored.title = alert.title();
        stored.category = alert.category().wireName();
        stored.severity = alert.severity().wireName();
        stored.occurredAt = alert.occurredAt();
        stored.receivedAt = assessed.time().now();
        stored.rawJson = rawJson;
        alerts.persist(stored);
        alerts.flush(); // the unique constraint on (source, external_id) answers here, before anything else is written
        alerts.persistSubjects(stored, alert);
        audit.append(principal, AuditLog.ALERT_RECEIVED, stored.id.toString(), Map.of(
                "alertId", stored.id.toString(), "source", alert.source(), "externalId", alert.externalId(),
                "category", stored.category, "severity", stored.severity));

        StoredDecision decision = new StoredDecision();
        decision.id = UUID.randomUUID();
        decision.alertId = stored.id;
        decision.source = alert.source();
        decision.decidedAt = assessed.time().now();
        decision.rulesetVersion = assessment.rulesetVersion();
        decision.riskScore = assessment.score();
        decision.riskLevel = assessment.level();
        decision.priority = assessment.priority();
        decision.slaMinutes = assessment.slaMinutes();
        decision.factorsJson = write(mapper.factors(assessment));
        decision.explanationJson = write(mapper.explanation(assessment));
        decision.contextJson = write(Map.of("context", assessed.context(), "decisionTime", assessed.time()));
        decision.principalKind = principal.kind();
        decision.principalId = principal.id();
        decision.principalName = principal.name();
        int position = 0;
        for (ProposedAction proposed : assessment.actions()) {
            StoredAction action = new StoredAction();
            action.id = UUID.randomUUID();
            action.position = position++;
            action.type = proposed.type();
            action.target = proposed.target();
            action.impact = proposed.impact();
            action.status = StoredAction.PENDING_APPROVAL; // until the gate below says otherwise
            action.dmnRule = proposed.rule();
            action.assumptions = proposed.approval().assumptions();
            decision.actions.add(action);
        }
        decisions.persist(decision);
        duties.record(principal, decision.id.toString(), SeparationOfDuties.Duty.SUBMITTED);
        for (int i = 0; i < decision.actions.size(); i++) {
            gate.apply(decision, decision.actions.get(i), assessment.actions().get(i), principal);
        }
        for (StoredAction action : decision.actions) {
            if (StoredAction.QUEUED.equals(action.status)) {
                actionReady.fire(new ActionReady(decision.id, action.id));
            }
        }
        audit.append(principal, AuditLog.DECISION_MADE, decision.id.toString(), decisionPayload(decision));
        return mapper.view(decision, alert.externalId());
    }

    private static Map<String, Object> decisionPayload(StoredDecision decision) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decisionId", decision.id.toString());
        payload.put("alertId", decision.alertId.toString());
        payload.put("rulesetVersion", decision.rulesetVersion);
        payload.put("riskScore", decision.riskScore);
        payload.put("priority", decision.priority);
        List<Map<String, String>> actions = new ArrayList<>();
        for (StoredAction action : decision.actions) {
            Map<String, String> entry = new LinkedHashMap<>(Map.of("id", action.id.toString(), "type", action.type,
                    "target", action.target, "status", action.status, "gate", action.gate));
            if (action.approvalId != null) {
                entry.put("approvalId", action.approvalId.toString());
            }
            actions.add(entry);
        }
        payload.put("actions", actions);
        return payload;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise decision data", e);
        }
    }

    /** Whether the failure is the (source, external_id) unique constraint, i.e. another request stored it first. */
    static boolean isDuplicateAlert(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getConstraintName() != null
                    && violation.getConstraintName().toLowerCase().contains("uq_alert_source_external")) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getMessage() != null
                    && sql.getMessage().toLowerCase().contains("uq_alert_source_external")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
