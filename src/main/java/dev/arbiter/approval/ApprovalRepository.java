package dev.arbiter.approval;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Approval requests. Changes happen under a row lock: a vote waits for the row ({@link #findForUpdate}); the sweep
 * claims due rows with {@code FOR UPDATE SKIP LOCKED}, so replicas sweeping at once never take the same row and never
 * wait for a vote in progress.
 */
@ApplicationScoped
public class ApprovalRepository implements PanacheRepositoryBase<ApprovalRequest, UUID> {

    /** Lock timeout hint value that makes Hibernate add {@code SKIP LOCKED} (Hibernate's {@code Timeouts.SKIP_LOCKED}). */
    static final int SKIP_LOCKED = -2;
    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";

    /** The request, its row locked until the transaction ends. */
    Optional<ApprovalRequest> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The action's pending request, its row locked. */
    Optional<ApprovalRequest> pendingForActionForUpdate(UUID actionId) {
        return find("actionId = ?1 and status = ?2", actionId, ApprovalRequest.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Up to {@code limit} pending requests past their deadline that no other transaction holds, locked, oldest first. */
    List<ApprovalRequest> claimOverdue(Instant now, int limit) {
        return find("status = ?1 and deadline <= ?2 order by deadline, id", ApprovalRequest.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint(LOCK_TIMEOUT, SKIP_LOCKED)
                .page(0, limit).list();
    }

    /** Up to {@code limit} pending, never escalated requests due by {@code dueBy} but not yet overdue, locked like {@link #claimOverdue}. */
    List<ApprovalRequest> claimToEscalate(Instant now, Instant dueBy, int limit) {
        return find("status = ?1 and escalatedAt is null and deadline > ?2 and deadline <= ?3 order by deadline, id",
                ApprovalRequest.PENDING, now, dueBy)
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint(LOCK_TIMEOUT, SKIP_LOCKED)
                .page(0, limit).list();
    }

    /** Up to {@code limit} requests matching the filter, after the cursor, by deadline (soonest first), then id. */
    List<ApprovalRequest> page(Filter filter, ApprovalCursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.actionType() != null) {
            query.append(" and actionType = :actionType");
            params.put("actionType", filter.actionType());
        }
        if (filter.group() != null) {
            query.append(" and (approverGroup = :group or escalationGroup = :group)");
            params.put("group", filter.group());
        }
        if (after != null) {
            query.append(" and (deadline > :cursorDeadline or (deadline = :cursorDeadline and id > :cursorId))");
            params.put("cursorDeadline", after.deadline());
            params.put("cursorId", after.id());
        }
        query.append(" order by deadline, id");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** Listing filters; null means any. {@code group} matches the approver group or, once escalated, the second group. */
    public record Filter(String status, String actionType, String group) {
    }
}
