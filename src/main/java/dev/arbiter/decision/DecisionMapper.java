package dev.arbiter.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.intake.Alert;

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

    DecisionView view(StoredDecision decision, String externalId) {
        List<DecisionView.Action> actions = decision.actions.stream()
                .map(a -> new DecisionView.Action(a.id, a.type, a.target, a.impact, a.status, a.gate, a.approvalId,
                        a.assumptions, a.notes))
                .toList();
        return new DecisionView(decision.id, decision.alertId, decision.source, externalId, decision.decidedAt,
                decision.rulesetVersion,
                new DecisionView.Risk(decision.riskScore, decision.riskLevel, read(decision.factorsJson, FACTORS)),
                decision.priority, decision.slaMinutes, actions,
                read(decision.explanationJson, new TypeReference<DecisionView.Explanation>() {
                }), null);
    }

    /** The dry run's view; {@code gates} holds each action's preview, in the assessment's order. */
    DecisionView dryRun(Alert alert, Assessment assessment, Instant decidedAt, List<ActionGate.Preview> gates) {
        List<DecisionView.Action> actions = new ArrayList<>();
        for (int i = 0; i < assessment.actions().size(); i++) {
            ProposedAction a = assessment.actions().get(i);
            ActionGate.Preview gate = gates.get(i);
            actions.add(new DecisionView.Action(null, a.type(), a.target(), a.impact(), gate.status(), gate.gate(), null,
                    a.approval().assumptions(), gate.notes()));
        }
        return new DecisionView(null, null, alert.source(), alert.externalId(), decidedAt, assessment.rulesetVersion(),
                new DecisionView.Risk(assessment.score(), assessment.level(), factors(assessment)),
                assessment.priority(), assessment.slaMinutes(), actions, explanation(assessment), Boolean.TRUE);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored decision JSON is unreadable", e);
        }
    }
}
