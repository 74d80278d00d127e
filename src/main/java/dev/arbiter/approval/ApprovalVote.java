package dev.arbiter.approval;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One principal's vote on an approval request, bound to the digest it saw. Never updated. */
@Entity
@Table(name = "approval_vote")
public class ApprovalVote {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    @Id
    public UUID id;

    @Column(name = "approval_id", nullable = false)
    public UUID approvalId;

    /** 1 for the first vote on the request, 2 for the second… */
    @Column(nullable = false)
    public int seq;

    @Column(nullable = false)
    public String verdict;

    @Column(name = "principal_kind", nullable = false)
    public String principalKind;

    @Column(name = "principal_id", nullable = false)
    public String principalId;

    @Column(name = "principal_name", nullable = false)
    public String principalName;

    /** The approver's comment, or the rejection's reason. */
    @Column
    public String comment;

    @Column(nullable = false)
    public String digest;

    @Column(name = "voted_at", nullable = false)
    public Instant votedAt;
}
