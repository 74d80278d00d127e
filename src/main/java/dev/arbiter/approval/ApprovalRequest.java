package dev.arbiter.approval;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One gated action waiting for, or decided by, approvers: {@value #PENDING} until it reaches its quorum
 * ({@value #APPROVED}), someone rejects it ({@value #REJECTED}), its deadline passes ({@value #EXPIRED}) or the action
 * changes ({@value #VOID}, replaced by a new request). Changed only under a row lock.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String VOID = "void";

    @Id
    public UUID id;

    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;

    @Column(name = "action_id", nullable = false)
    public UUID actionId;

    @Column(nullable = false)
    public String status;

    @Column(name = "action_type", nullable = false)
    public String actionType;

    @Column(nullable = false)
    public String target;

    /** one-approver or two-approvers. */
    @Column(nullable = false)
    public String gate;

    @Column(name = "required_approvals", nullable = false)
    public int requiredApprovals;

    @Column(nullable = false)
    public int approvals;

    /** The approval policy row that gated the action. */
    @Column(name = "policy_rule", nullable = false)
    public String policyRule;

    @Column(name = "approver_group", nullable = false)
    public String approverGroup;

    /** The second group, once escalated. */
    @Column(name = "escalation_group")
    public String escalationGroup;

    /** What votes are bound to: see {@link ActionDigest}. */
    @Column(nullable = false)
    public String digest;

    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** In words, how it ended. */
    @Column
    public String resolution;

    /** For a void request, the request opened for the changed action (null when the changed action needs none). */
    @Column(name = "replaced_by")
    public UUID replacedBy;

    boolean pending() {
        return PENDING.equals(status);
    }
}
