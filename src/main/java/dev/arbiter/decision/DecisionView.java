package dev.arbiter.decision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A decision as the API returns it (see DESIGN.md, "Decision"). A dry run has no ids. {@code occurrences} counts the
 * alerts the decision stands for (later duplicates attach to it), {@code lastSeenAt} is when the latest arrived;
 * {@code suppression} is present when an analyst's suppression silenced it (then it proposes no actions);
 * {@code ssvc} is present for vulnerability alerts that name CVEs only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionView(UUID id, UUID alertId, String source, String externalId, Instant decidedAt,
                           Integer occurrences, Instant lastSeenAt, String rulesetVersion, Risk risk, String priority,
                           int slaMinutes, List<Action> actions, Suppressed suppression, Explanation explanation,
                           Boolean dryRun, SsvcView ssvc) {

    /** The suppression that silenced the decision. */
    public record Suppressed(UUID id, String reason, Instant expiresAt) {
    }

    /** Score 0–100, its level, and the factors that add up to it. */
    public record Risk(int score, String level, List<Factor> factors) {
    }

    /** One rule's contribution. */
    public record Factor(String rule, int points, String reason) {
    }

    /**
     * A response action and its state: the effective approval gate, the approval request when it waits or waited for
     * one, what was assumed about its target, and why the gate differs from the approval policy's, if it does.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Action(UUID id, String type, String target, String impact, String status, String gate, UUID approvalId,
                         List<String> assumptions, List<String> notes) {
    }

    /** Why: the Drools rules that fired, and the DMN rows that matched per decision table. */
    public record Explanation(List<String> firedRules, List<DmnMatch> dmn) {
    }

    /** The rows of one DMN decision that matched. */
    public record DmnMatch(String model, String decision, List<String> matchedRules) {
    }

    /** One page of decisions; {@code nextCursor} is absent on the last page. */
    public record Page(List<DecisionView> items, String nextCursor) {
    }
}
