package dev.arbiter.approval;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.arbiter.common.Principal;
import dev.arbiter.decision.DecisionView;

/**
 * An approval request as the API returns it. The listing leaves out {@code action}, {@code votes} and
 * {@code decision}; one request by id carries them: the action, every vote so far, and the decision with its full
 * explanation (risk factors, rules fired, DMN rows matched), plus the approval policy row that gated the action.
 *
 * @param secondsLeft until the deadline, while pending (0 once it has passed); absent once decided
 * @param digest      what a vote is bound to; send it back with the vote to refuse voting on a changed action
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(UUID id, String status, UUID decisionId, UUID actionId, String actionType, String target,
                           String gate, int requiredApprovals, int approvals, String approverGroup, String escalationGroup,
                           Instant createdAt, Instant deadline, Long secondsLeft, Instant escalatedAt, Instant resolvedAt,
                           String resolution, UUID replacedBy, String digest, String rulesetVersion,
                           DecisionView.DmnMatch policy, DecisionView.Action action, List<Vote> votes,
                           DecisionView decision) {

    /** One vote: who, when, which way, and the comment or the rejection's reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vote(String verdict, Principal principal, Instant votedAt, String comment) {
    }

    /** One page of approvals; {@code nextCursor} is absent on the last page. */
    public record Page(List<ApprovalView> items, String nextCursor) {
    }
}
