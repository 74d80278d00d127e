package dev.arbiter.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Constraints;
import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.context.AlertContext;
import dev.arbiter.context.ContextProvider;
import dev.arbiter.decision.DecisionRepository.DecisionFilter;
import dev.arbiter.engine.AlertFact;
import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.DecisionTime;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.engine.VulnerabilityFact;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.StoredAlert;
import dev.arbiter.ruleset.ActiveRuleset;
import dev.arbiter.suppression.SuppressionService;
import dev.arbiter.vulnerability.VulnerabilityFacts;

/**
 * Decides alerts: looks up context, assesses with the active ruleset, and stores alert, decision, actions and
 * audit events in one transaction, which decisions ready at the same moment share ({@link GroupCommit}). The same
 * source and external id decide once: a second submission, even one racing the first, gets the first decision (the
 * database's unique constraint decides the race). An alert with the
 * fingerprint of a decision made inside the dedup window is stored and attached to that decision (occurrence count,
 * last seen) instead of getting new actions; an alert an analyst's suppression matches gets a decision that says so
 * and proposes no actions.
 */
@ApplicationScoped
public class DecisionService {

    /** Audit event: an alert was attached to an earlier decision with the same fingerprint. */
    public static final String ALERT_DEDUPLICATED = "alert.deduplicated";
    /** Attach-or-open rounds when concurrent alerts share a fingerprint; the second round always finds the winner. */
    private static final int MAX_DEDUP_ATTEMPTS = 3;

    private final ActiveRuleset rulesets;
    private final ContextProvider context;
    private final AlertRepository alerts;
    private final DecisionRepository decisions;
    private final AuditLog audit;
    private final Clock clock;
    private final DecisionConfig config;
    private final DecisionMapper mapper;
    private final ObjectMapper json;
    private final Event<ActionReady> actionReady;
    private final DedupConfig dedup;
    private final SuppressionService suppressions;
    private final VulnerabilityFacts vulnerabilities;
    private final Event<DecisionChanged> decisionChanged;
    private final ActionGate gate;
    private final ActionResponders responders;
    private final DedupClaims claims;
    private final DecisionHistory history;
    private final GroupCommit groupCommit;
    private final DecisionMeters meters;

    DecisionService(ActiveRuleset rulesets, ContextProvider context, AlertRepository alerts, DecisionRepository decisions,
                    AuditLog audit, Clock clock, DecisionConfig config, DecisionMapper mapper, ObjectMapper json,
                    Event<ActionReady> actionReady, DedupConfig dedup,
                    SuppressionService suppressions, VulnerabilityFacts vulnerabilities,
                    Event<DecisionChanged> decisionChanged, ActionGate gate, ActionResponders responders,
                    DedupClaims claims, DecisionHistory history, GroupCommit groupCommit, DecisionMeters meters) {
        this.actionReady = actionReady;
        this.decisionChanged = decisionChanged;
        this.gate = gate;
        this.responders = responders;
        this.claims = claims;
        this.history = history;
        this.groupCommit = groupCommit;
        this.meters = meters;
        this.rulesets = rulesets;
        this.context = context;
        this.alerts = alerts;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.mapper = mapper;
        this.json = json;
        this.dedup = dedup;
        this.suppressions = suppressions;
        Fingerprint.check(dedup.fields());
        this.vulnerabilities = vulnerabilities;
    }

    /** The outcome of a submission: the decision, and whether this request created it. */
    public record Submission(DecisionView decision, boolean created) {
    }

    /**
     * Decides and stores an alert, or returns the decision already made for its source and external id. A repeat is
     * recognised by the unique constraint when the alert is stored, not by a look-up first: that look-up cost every new
     * alert a statement (issue #9), and a repeat, which is rare, now costs an assessment that is thrown away.
     */
    public Submission submit(Alert alert, String rawJson, Principal principal) {
        String fingerprint = dedup.window().isZero() || dedup.window().isNegative() ? null : Fingerprint.of(alert, dedup.fields());
        Set<String> keys = batchKeys(alert, fingerprint);
        for (int attempt = 1; ; attempt++) {
            try {
                if (fingerprint != null) {
                    Optional<DecisionView> attached = groupCommit.call(keys,
                            () -> attach(alert, rawJson, fingerprint, principal));
                    if (attached.isPresent()) {
                        meters.alert(DecisionMeters.ATTACHED, attached.get().priority());
                        return new Submission(attached.get(), false);
                    }
                }
                Assessed assessed = meters.assess(() -> assess(alert));
                DecisionView view = meters.store(() -> groupCommit.call(keys,
                        () -> store(alert, rawJson, assessed, fingerprint, principal)));
                meters.alert(DecisionMeters.DECIDED, view.priority());
                return new Submission(view, true);
            } catch (RuntimeException e) {
                if (isDuplicateAlert(e)) {
                    DecisionView first = findForAlert(alert).orElseThrow(() -> e);
                    meters.alert(DecisionMeters.REPEATED, first.priority());
                    return new Submission(first, false);
                }
                // a decision with the same fingerprint committed meanwhile: attach to it on the next attempt
                if (fingerprint != null && attempt < MAX_DEDUP_ATTEMPTS && DedupClaims.lostRace(e)) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** What two decisions in one transaction must not share: the alert's identity, and the dedup fingerprint. */
    private static Set<String> batchKeys(Alert alert, String fingerprint) {
        String identity = "alert\u0000" + alert.source() + "\u0000" + alert.externalId();
        return fingerprint == null ? Set.of(identity) : Set.of(identity, "fingerprint\u0000" + fingerprint);
    }

    /**
     * Assesses a stored decision again from what it stored: the alert as received, the context snapshot and the
     * decision time, with the active ruleset. The inventory and history as they are now play no part, so with the
     * same ruleset the answer is the stored one. Empty when there is no such decision.
     */
    public Optional<Assessment> reassess(UUID decisionId) {
        return history.find(decisionId).map(recorded -> rulesets.get().assess(recorded.input()));
    }

    /** The same computation as {@link #submit}, storing nothing. */
    public DecisionView evaluate(Alert alert) {
        Assessed assessed = assess(alert);
        Instant now = assessed.time().now();
        return mapper.dryRun(alert, assessed.assessment(), assessed.vulnerabilities(), now, assessed.suppression(),
                assessed.assessment().actions().stream().map(a -> preview(a, now)).toList());
    }

    /** What the gate would give the action now, and {@code no-responder} where nothing would take it, as on submit. */
    private ActionGate.Preview preview(ProposedAction proposed, Instant now) {
        ActionGate.Preview preview = gate.preview(proposed, now);
        String status = dispatchStatus(preview.status(), proposed.type());
        return Objects.equals(status, preview.status()) ? preview
                : new ActionGate.Preview(preview.gate(), status, preview.notes());
    }

    /**
     * The status an action of this type has once gated: {@code no-responder} instead of {@code queued} when no
     * responder takes the type, so that such an action is written once, settled ({@link ActionResponders}).
     */
    private String dispatchStatus(String gated, String actionType) {
        return StoredAction.QUEUED.equals(gated) && !responders.hasResponder(actionType)
                ? ActionStatuses.NO_RESPONDER : gated;
    }

    public Optional<DecisionView> find(UUID id) {
        return decisions.findByIdOptional(id).map(this::view);
    }

    /**
     * The decision a repeated Idempotency-Key is answered with: the one the first request got. Counted as a submitted
     * alert, like a repeat of its source and external id; empty when there is no such decision.
     */
    public Optional<DecisionView> replay(UUID id) {
        Optional<DecisionView> decision = find(id);
        decision.ifPresent(view -> meters.alert(DecisionMeters.REPLAYED, view.priority()));
        return decision;
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

    /** The decision made for the alert with this source and external id, if one was stored. */
    public Optional<DecisionView> findFor(String source, String externalId) {
        return alerts.findBySourceAndExternalId(source, externalId)
                .flatMap(stored -> decisions.findByAlertId(stored.id))
                .map(this::view);
    }

    private Optional<DecisionView> findForAlert(Alert alert) {
        return findFor(alert.source(), alert.externalId());
    }

    private DecisionView view(StoredDecision decision) {
        StoredAlert alert = alerts.findById(decision.alertId);
        SuppressionService.Applied suppression = decision.suppressionId != null
                ? suppressions.applied(decision.suppressionId).orElse(null) : null;
        return mapper.view(decision, alert.externalId, suppression);
    }

    /** An assessment with what it was computed from, and the suppression that applies (null when none). */
    record Assessed(Assessment assessment, AlertContext context, DecisionTime time, List<VulnerabilityFact> vulnerabilities,
                    SuppressionService.Applied suppression) {
    }

    private Assessed assess(Alert alert) {
        Instant now = clock.instant();
        AlertContext found = context.contextFor(alert, now);
        DecisionTime time = new DecisionTime(now, config.zone(), config.businessStart(), config.businessEnd());
        List<VulnerabilityFact> cves = vulnerabilities.forCves(alert.entitiesOrEmpty().cvesOrEmpty());
        AssessmentInput input = new AssessmentInput(toFact(alert), found.hosts(), found.users(), found.ips(),
                found.files(), found.history(), time, cves, found.domains(), found.urls());
        return new Assessed(rulesets.get().assess(input), found, time, cves, suppressions.activeFor(alert, now).orElse(null));
    }

    static AlertFact toFact(Alert alert) {
        Alert.Mitre mitre = alert.mitreOrEmpty();
        return new AlertFact(alert.source(), alert.externalId(), alert.title(), alert.category().wireName(),
                alert.severity().wireName(), alert.confidenceOrDefault(), alert.occurredAt(),
                new LinkedHashSet<>(mitre.tacticsOrEmpty()), new LinkedHashSet<>(mitre.techniquesOrEmpty()),
                alert.attributesOrEmpty());
    }

    /**
     * Attaches the alert to the newest decision with its fingerprint inside the dedup window, if there is one: the
     * alert is stored (its own source and external id stay idempotent), the decision counts one more occurrence.
     *
     * <p>Written through {@link GroupCommit} like a new decision, with the same keys: in a flood most alerts repeat an
     * open decision, and repeats of different decisions share a transaction (one transaction each cost a flood as much
     * as deciding every alert, issue #9). Two repeats of one decision never share one, nor are they written at the same
     * time, so no two transactions writing at once lock the same decision.
     */
    private Optional<DecisionView> attach(Alert alert, String rawJson, String fingerprint, Principal principal) {
        Instant now = clock.instant();
        Optional<StoredDecision> open = decisions.openWithFingerprint(fingerprint, now.minus(dedup.window()));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        StoredDecision decision = open.get();
        StoredAlert stored = storeAlert(alert, rawJson, now, Optional.empty(), principal);
        DecisionOccurrence occurrence = new DecisionOccurrence();
        occurrence.alertId = stored.id;
        occurrence.decisionId = decision.id;
        occurrence.seenAt = now;
        decisions.getEntityManager().persist(occurrence);
        decision.occurrenceCount++;
        if (now.isAfter(decision.lastSeenAt)) {
            decision.lastSeenAt = now;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decisionId", decision.id.toString());
        payload.put("alertId", stored.id.toString());
        payload.put("source", alert.source());
        payload.put("externalId", alert.externalId());
        payload.put("fingerprint", fingerprint);
        payload.put("occurrences", decision.occurrenceCount);
        audit.append(principal, ALERT_DEDUPLICATED, decision.id.toString(), payload);
        return Optional.of(view(decision));
    }

    private StoredAlert storeAlert(Alert alert, String rawJson, Instant receivedAt, Optional<AlertRepository.DecidedRisk> risk,
                                   Principal principal) {
        StoredAlert stored = new StoredAlert();
        stored.id = Ids.next();
        stored.source = alert.source();
        stored.externalId = alert.externalId();
        stored.title = alert.title();
        stored.category = alert.category().wireName();
        stored.severity = alert.severity().wireName();
        stored.occurredAt = alert.occurredAt();
        stored.receivedAt = receivedAt;
        stored.rawJson = rawJson;
        stored.callbackUrl = alert.callbackUrl();
        // a repeat of (source, external_id) fails the unique constraint when the transaction flushes, and everything
        // it wrote rolls back with it; flushing here to learn it sooner cost every alert a round trip (issue #9)
        alerts.persist(stored);
        alerts.persistSubjects(stored, alert, risk);
        audit.append(principal, AuditLog.ALERT_RECEIVED, stored.id.toString(), Map.of(
                "alertId", stored.id.toString(), "source", alert.source(), "externalId", alert.externalId(),
                "category", stored.category, "severity", stored.severity));
        return stored;
    }

    private DecisionView store(Alert alert, String rawJson, Assessed assessed, String fingerprint, Principal principal) {
        Assessment assessment = assessed.assessment();
        Optional<AlertRepository.DecidedRisk> risk = assessed.suppression() != null ? Optional.empty()
                : Optional.of(new AlertRepository.DecidedRisk(assessed.time().now(), assessment.score()));
        StoredAlert stored = storeAlert(alert, rawJson, assessed.time().now(), risk, principal);

        StoredDecision decision = new StoredDecision();
        decision.id = Ids.next();
        decision.alertId = stored.id;
        decision.source = alert.source();
        decision.decidedAt = assessed.time().now();
        decision.lastSeenAt = decision.decidedAt;
        decision.fingerprint = fingerprint;
        SuppressionService.Applied suppression = assessed.suppression();
        decision.suppressionId = suppression != null ? suppression.id() : null;
        decision.rulesetVersion = assessment.rulesetVersion();
        decision.riskScore = assessment.score();
        decision.riskLevel = assessment.level();
        decision.priority = assessment.priority();
        decision.slaMinutes = assessment.slaMinutes();
        List<DecisionView.Factor> factors = mapper.factors(assessment);
        DecisionView.Explanation explanation = mapper.explanation(assessment);
        decision.factorsJson = write(factors);
        decision.explanationJson = write(explanation);
        decision.contextJson = write(Map.of("context", assessed.context(), "decisionTime", assessed.time(),
                "vulnerabilities", assessed.vulnerabilities()));
        SsvcView ssvc = mapper.ssvc(assessment, assessed.vulnerabilities());
        decision.ssvcJson = ssvc != null ? write(ssvc) : null;
        decision.principalKind = principal.kind();
        decision.principalId = principal.id();
        decision.principalName = principal.name();
        int position = 0;
        for (ProposedAction proposed : suppression != null ? List.<ProposedAction>of() : assessment.actions()) {
            StoredAction action = new StoredAction();
            action.id = Ids.next();
            action.position = position++;
            action.decidedAt = decision.decidedAt;
            action.type = proposed.type();
            action.target = proposed.target();
            action.impact = proposed.impact();
            action.status = StoredAction.PENDING_APPROVAL; // until the gate below says otherwise
            action.dmnRule = proposed.rule();
            action.assumptions = proposed.approval().assumptions();
            decision.actions.add(action);
        }
        // gated before the decision is persisted: Hibernate inserts what an entity held when it was persisted and
        // updates it for every later change, so each action is written once, as gated
        List<ActionGate.Opening> openings = new ArrayList<>();
        for (int i = 0; i < decision.actions.size(); i++) {
            StoredAction action = decision.actions.get(i);
            openings.add(gate.apply(decision, action, assessment.actions().get(i), principal));
            action.status = dispatchStatus(action.status, action.type); // its delivery is settled on ActionReady, below
        }
        decisions.persist(decision);
        openings.forEach(ActionGate.Opening::open);
        if (fingerprint != null) {
            claims.claim(fingerprint, decision.id, decision.decidedAt, decision.decidedAt.minus(dedup.window()));
        }
        // no duty row for the submitter: the decision names it (DecisionSubmitters), which four-eyes checks ask
        audit.append(principal, AuditLog.DECISION_MADE, decision.id.toString(), decisionPayload(decision));
        decisionChanged.fire(new DecisionChanged(decision.id, "decided", decidedDetails(decision)));
        // after the decision's own event and change: an action without a responder is settled as it is queued, and
        // the requester hears of that after it hears of the decision
        for (StoredAction action : decision.actions) {
            if (StoredAction.QUEUED.equals(action.status) || ActionStatuses.NO_RESPONDER.equals(action.status)) {
                actionReady.fire(new ActionReady(decision.id, action.id, true));
            }
        }
        return mapper.view(decision, alert.externalId(), suppression, factors, explanation, ssvc);
    }

    private static Map<String, Object> decisionPayload(StoredDecision decision) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decisionId", decision.id.toString());
        payload.put("alertId", decision.alertId.toString());
        payload.put("rulesetVersion", decision.rulesetVersion);
        payload.put("riskScore", decision.riskScore);
        payload.put("priority", decision.priority);
        if (decision.suppressionId != null) {
            payload.put("suppressionId", decision.suppressionId.toString());
        }
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

    private static Map<String, Object> decidedDetails(StoredDecision decision) {
        List<Map<String, String>> actions = new ArrayList<>();
        for (StoredAction action : decision.actions) {
            actions.add(Map.of("id", action.id.toString(), "type", action.type, "target", action.target,
                    "impact", action.impact, "status", action.status));
        }
        return Map.of("priority", decision.priority, "riskScore", decision.riskScore, "riskLevel", decision.riskLevel,
                "actions", actions);
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
        return Constraints.violated(e, "uq_alert_source_external");
    }
}
