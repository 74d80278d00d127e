package dev.arbiter.approval;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Votes, in the order they were cast (numbered under the request's row lock). */
@ApplicationScoped
public class VoteRepository implements PanacheRepositoryBase<ApprovalVote, UUID> {

    List<ApprovalVote> forApproval(UUID approvalId) {
        return list("approvalId = ?1 order by seq", approvalId);
    }

    long countFor(UUID approvalId) {
        return count("approvalId", approvalId);
    }
}
