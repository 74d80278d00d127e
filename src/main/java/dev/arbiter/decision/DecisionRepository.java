package dev.arbiter.decision;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;

import dev.arbiter.common.Principal;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored decisions; listing is keyset-paginated on (decidedAt, id), newest first. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<StoredDecision, UUID> {

    /** The decision of an alert: its own, or the earlier one it was attached to as a duplicate. */
    public Optional<StoredDecision> findByAlertId(UUID alertId) {
        Optional<StoredDecision> own = find("alertId", alertId).firstResultOptional();
        if (own.isPresent()) {
            return own;
        }
        return getEntityManager().createQuery("select o.decisionId from DecisionOccurrence o where o.alertId = :alert", UUID.class)
                .setParameter("alert", alertId).getResultStream().findFirst().flatMap(this::findByIdOptional);
    }

    /**
     * The newest decision with this fingerprint made after {@code since}, locked for the occurrence update. The rows
     * the transaction holds unwritten are not written first: nothing else in a {@link GroupCommit} batch has this
     * fingerprint, so none of them could be the answer, and writing them before each repeat's look-up would split the
     * batch's inserts into one JDBC batch per table per repeat.
     */
    public Optional<StoredDecision> openWithFingerprint(String fingerprint, Instant since) {
        return find("fingerprint = ?1 and decidedAt > ?2 order by decidedAt desc, id desc", fingerprint, since)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.COMMIT)
                .firstResultOptional();
    }

    /** Up to {@code limit} decisions matching the filter, strictly after the cursor position in listing order. */
    public List<StoredDecision> page(DecisionFilter filter, DecisionCursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.priority() != null) {
            query.append(" and priority = :priority");
            params.put("priority", filter.priority());
        }
        if (filter.source() != null) {
            query.append(" and source = :source");
            params.put("source", filter.source());
        }
        if (filter.since() != null) {
            query.append(" and decidedAt >= :since");
            params.put("since", filter.since());
        }
        if (filter.until() != null) {
            query.append(" and decidedAt < :until");
            params.put("until", filter.until());
        }
        if (filter.submitter() != null) {
            query.append(" and principalKind = :submitterKind and principalId = :submitterId");
            params.put("submitterKind", filter.submitter().kind());
            params.put("submitterId", filter.submitter().id());
        }
        if (after != null) {
            query.append(" and (decidedAt < :cursorTime or (decidedAt = :cursorTime and id < :cursorId))");
            params.put("cursorTime", after.decidedAt());
            params.put("cursorId", after.id());
        }
        query.append(" order by decidedAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** The filters of {@code GET /api/v1/decisions}; null means "any". {@code submitter} limits to one client's. */
    public record DecisionFilter(String priority, String source, Instant since, Instant until, Principal submitter) {
    }
}
