package dev.arbiter.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Audit events and checkpoints: by subject, searches with keyset pages, and the chain in chunks. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, Long> {

    public List<AuditEvent> forSubject(String subjectId) {
        return list("subjectId = ?1 order by seq", subjectId);
    }

    /** A page of the search, in sequence order, after the given sequence number. */
    List<AuditEvent> search(AuditFilter filter, Long afterSeq, int limit) {
        Map<String, Object> params = AuditFilter.params();
        String where = filter.where(params);
        if (afterSeq != null) {
            where += " and seq > :afterSeq";
            params.put("afterSeq", afterSeq);
        }
        return query("from AuditEvent where 1 = 1" + where + " order by seq", params, limit);
    }

    /** The next sealed events in chain order after {@code afterIndex} that match the filter. */
    List<AuditEvent> sealedAfter(AuditFilter filter, long afterIndex, int limit) {
        Map<String, Object> params = AuditFilter.params();
        String where = filter.where(params) + " and chainIndex > :afterIndex";
        params.put("afterIndex", afterIndex);
        return query("from AuditEvent where 1 = 1" + where + " order by chainIndex", params, limit);
    }

    /** The next unsealed events in sequence order that match the filter. */
    List<AuditEvent> unsealedAfter(AuditFilter filter, long afterSeq, int limit) {
        Map<String, Object> params = AuditFilter.params();
        String where = filter.where(params) + " and chainIndex is null and seq > :afterSeq";
        params.put("afterSeq", afterSeq);
        return query("from AuditEvent where 1 = 1" + where + " order by seq", params, limit);
    }

    List<AuditEvent> forDecision(String decisionId, List<String> alertIds) {
        return getEntityManager().createQuery("from AuditEvent where decisionId = :id or subjectId = :id"
                        + " or subjectId in :alerts order by case when chainIndex is null then 1 else 0 end, chainIndex, seq",
                        AuditEvent.class)
                .setParameter("id", decisionId).setParameter("alerts", alertIds.isEmpty() ? List.of("") : alertIds)
                .getResultList();
    }

    Optional<Long> firstIndex() {
        return Optional.ofNullable(getEntityManager().createQuery("select min(chainIndex) from AuditEvent", Long.class)
                .getSingleResult());
    }

    /** The first sealed index whose event is not older than the cutoff. */
    Optional<Long> firstIndexAtOrAfter(java.time.Instant cutoff) {
        return Optional.ofNullable(getEntityManager().createQuery(
                "select min(chainIndex) from AuditEvent where occurredAt >= :cutoff", Long.class)
                .setParameter("cutoff", cutoff).getSingleResult());
    }

    long unsealedCount() {
        return count("chainIndex is null");
    }

    List<AuditCheckpoint> checkpoints(long fromIndex, long toIndex, int limit) {
        return getEntityManager().createQuery("from AuditCheckpoint where chainIndex >= :from and chainIndex <= :to"
                        + " order by chainIndex", AuditCheckpoint.class)
                .setParameter("from", fromIndex).setParameter("to", toIndex).setMaxResults(limit).getResultList();
    }

    /** The latest checkpoint below the index (the anchor a range is verified from). */
    Optional<AuditCheckpoint> checkpointBelow(long index) {
        return getEntityManager().createQuery("from AuditCheckpoint where chainIndex < :index order by chainIndex desc",
                AuditCheckpoint.class).setParameter("index", index).setMaxResults(1).getResultStream().findFirst();
    }

    Optional<AuditCheckpoint> checkpointAt(long index) {
        return Optional.ofNullable(getEntityManager().find(AuditCheckpoint.class, index));
    }

    private List<AuditEvent> query(String jpql, Map<String, Object> params, int limit) {
        TypedQuery<AuditEvent> query = getEntityManager().createQuery(jpql, AuditEvent.class);
        params.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }
}
