package dev.arbiter.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.SsvcDecision;
import dev.arbiter.engine.VulnerabilityFact;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.intake.Alert;
import dev.arbiter.suppression.SuppressionService;

/** Maps assessments and stored decisions to the API's {@link DecisionView}. */
@ApplicationScoped
class DecisionMapper {

    private static final TypeReference<List<DecisionView.Factor>> FACTORS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    DecisionMapper(ObjectMapper json) {
        this.json = json;
    }

    List<DecisionView.Factor> factors(Assessment assessment) {
        return assessment.factors().stream()
                .map(f -> new DecisionView.Factor(f.getRule(), f.getPoints(), f.getReason()))
                .toList();
    }

    DecisionView.Explanation explanation(Assessment assessment) {
        return new DecisionView.Explanation(assessment.firedRules(), assessment.dmn().stream()
                .map(t -> new DecisionView.DmnMatch(t.model(), t.decision(), t.matchedRules()))
                .toList());
    }

    /** The SSVC block, or null when the assessment made no SSVC decision. */
    SsvcView ssvc(Assessment assessment, List<VulnerabilityFact> vulnerabilities) {
        if (assessment.ssvc().isEmpty()) {
            return null;
        }
        List<SsvcView.Vulnerability> perCve = assessment.ssvc().stream().map(decision -> {
            VulnerabilityFact fact = vulnerabilities.stream().filter(v -> v.cve().equals(decision.cve())).findFirst()
                    .orElse(VulnerabilityFact.unknown(decision.cve()));
            return new SsvcView.Vulnerability(decision.cve(),
                    fact.inKev() ? new SsvcView.Kev(fact.kevDateAdded(), fact.kevRansomwareUse()) : null,
                    fact.epss() != null ? new SsvcView.Epss(fact.epss(), fact.epssPercentile(), fact.epssScoreDate()) : null,
                    decision.inputs().stream().map(i -> new SsvcView.Input(i.name(), i.value(), i.source(), i.note())).toList(),
                    decision.patchPriority(), decision.cisaLevel(), decision.matchedRules());
        }).toList();
        return new SsvcView(assessment.ssvcPatchPriority(), SsvcDecision.mostUrgentCisaLevel(assessment.ssvc()), perCve);
    }

    /** The view of a stored decision, its factors, explanation and SSVC block read from their JSON columns. */
    DecisionView view(StoredDecision decision, String externalId, SuppressionService.Applied suppression) {
        return view(decision, externalId, suppression, read(decision.factorsJson, FACTORS),
                read(decision.explanationJson, new TypeReference<DecisionView.Explanation>() {
                }), decision.ssvcJson != null ? read(decision.ssvcJson, new TypeReference<SsvcView>() {
                }) : null);
    }

    /**
     * The view of a decision just stored, from the objects its JSON columns were written from: reading back what was
     * just written cost each alert three parses (issue #9).
     */
    DecisionView view(StoredDecision decision, String externalId, SuppressionService.Applied suppression,
                      List<DecisionView.Factor> factors, DecisionView.Explanation explanation, SsvcView ssvc) {
        List<DecisionView.Action> actions = decision.actions.stream()
                .map(a -> new DecisionView.Action(a.id, a.type, a.target, a.impact, a.status, a.gate, a.approvalId,
                        a.assumptions, a.notes))
                .toList();
        return new DecisionView(decision.id, decision.alertId, decision.source, externalId, decision.decidedAt,
                decision.occurrenceCount, decision.lastSeenAt, decision.rulesetVersion,
                new DecisionView.Risk(decision.riskScore, decision.riskLevel, factors),
                decision.priority, decision.slaMinutes, actions, suppressed(suppression), explanation, null, ssvc);
    }

    /** The dry run's view; {@code gates} holds each action's preview, in the assessment's order. */
    DecisionView dryRun(Alert alert, Assessment assessment, List<VulnerabilityFact> vulnerabilities, Instant decidedAt,
                        SuppressionService.Applied suppression, List<ActionGate.Preview> gates) {
        List<DecisionView.Action> actions = new ArrayList<>();
        for (int i = 0; suppression == null && i < assessment.actions().size(); i++) {
            ProposedAction a = assessment.actions().get(i);
            ActionGate.Preview gate = gates.get(i);
            actions.add(new DecisionView.Action(null, a.type(), a.target(), a.impact(), gate.status(), gate.gate(), null,
                    a.approval().assumptions(), gate.notes()));
        }
        return new DecisionView(null, null, alert.source(), alert.externalId(), decidedAt, null, null,
                assessment.rulesetVersion(), new DecisionView.Risk(assessment.score(), assessment.level(), factors(assessment)),
                assessment.priority(), assessment.slaMinutes(), actions, suppressed(suppression), explanation(assessment),
                Boolean.TRUE, ssvc(assessment, vulnerabilities));
    }

    private static DecisionView.Suppressed suppressed(SuppressionService.Applied suppression) {
        return suppression != null ? new DecisionView.Suppressed(suppression.id(), suppression.reason(), suppression.expiresAt()) : null;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored decision JSON is unreadable", e);
        }
    }
}
