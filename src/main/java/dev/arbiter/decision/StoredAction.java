package dev.arbiter.decision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One response action of a decision, with its status: {@value #QUEUED} when it may go out without approval,
 * {@value #PENDING_APPROVAL} while people decide, then {@value #APPROVED} (ready for dispatch), {@value #REJECTED} or
 * {@value #EXPIRED} (never dispatched).
 */
@Entity
@Table(name = "decision_action")
public class StoredAction {

    /** Waits for the approvers of its approval request. */
    public static final String PENDING_APPROVAL = "pending-approval";
    /** Automatic: ready for dispatch without approval. */
    public static final String QUEUED = "queued";
    /** Its approval request reached its quorum: ready for dispatch. */
    public static final String APPROVED = "approved";
    /** An approver rejected it: not dispatched. */
    public static final String REJECTED = "rejected";
    /** Nobody decided before the deadline: denied, not dispatched. */
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;

    @Column(nullable = false)
    public int position;

    @Column(name = "action_type", nullable = false)
    public String type;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String impact;

    @Column(nullable = false)
    public String status;

    @Column(name = "dmn_rule", nullable = false)
    public String dmnRule;

    /** Its decision's time, repeated here so that the blast-radius budget counts actions without reading decisions. */
    @Column(name = "decided_at", nullable = false, updatable = false)
    public Instant decidedAt;

    /** The effective gate: auto, one-approver or two-approvers (null until gated). */
    @Column
    public String gate;

    /** The approval request the action waits for, or waited for; null for an automatic action. */
    @Column(name = "approval_id")
    public UUID approvalId;

    /** What was assumed about the target to gate it (fail safe), in words. */
    @Convert(converter = StringListJson.class)
    @Column(name = "assumptions_json", columnDefinition = "text")
    public List<String> assumptions = List.of();

    /** Why the gate differs from the approval policy's (blast-radius budget, kill switch), in words. */
    @Convert(converter = StringListJson.class)
    @Column(name = "notes_json", columnDefinition = "text")
    public List<String> notes = List.of();
}
