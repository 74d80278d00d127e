package dev.arbiter.engine;

import java.util.List;

/**
 * What the approval policy table says about one proposed action: whether it may go out automatically or waits for one
 * or two approvers, how long they have, which group is asked, the table row that decided, and what was assumed about
 * the action's target to decide it (fail safe: an unknown host counts as production, an unknown account as privileged).
 *
 * @param gate          {@value #AUTO}, {@value #ONE_APPROVER} or {@value #TWO_APPROVERS}
 * @param expiryMinutes how long approvers have; null for an automatic action
 * @param approverGroup the group asked to approve; null for an automatic action
 * @param policyRule    the id of the approval policy row that decided
 * @param assumptions   in words, each fact that was assumed rather than known, e.g.
 *                      {@code host fin-db-09 is not in the inventory: treated as production}
 */
public record ApprovalRequirement(String gate, Integer expiryMinutes, String approverGroup, String policyRule,
                                  List<String> assumptions) {

    public static final String AUTO = "auto";
    public static final String ONE_APPROVER = "one-approver";
    public static final String TWO_APPROVERS = "two-approvers";

    public ApprovalRequirement {
        assumptions = List.copyOf(assumptions);
    }

    /** Whether the action may go out without anyone approving it. */
    public boolean automatic() {
        return AUTO.equals(gate);
    }

    /** How many approvals the gate needs: 0, 1 or 2. */
    public int approvalsNeeded() {
        return approvalsNeeded(gate);
    }

    /** How many approvals a gate needs: 0, 1 or 2. */
    public static int approvalsNeeded(String gate) {
        return switch (gate) {
            case AUTO -> 0;
            case ONE_APPROVER -> 1;
            case TWO_APPROVERS -> 2;
            default -> throw new IllegalArgumentException("Unknown approval gate '" + gate + "'");
        };
    }
}
