package dev.arbiter.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Outbox rows and their attempts; claiming due rows across replicas with {@code FOR UPDATE SKIP LOCKED}. */
@ApplicationScoped
class OutboxRepository implements PanacheRepositoryBase<OutboxRow, UUID> {

    /** On PostgreSQL the partial index {@code ix_dispatch_outbox_pending} (V20) holds exactly these statuses. */
    private static final String DUE = "status in ('queued', 'dispatched', 'failed') and due_at <= :now";

    /**
     * Callbacks of one decision go out one at a time, in the order they were queued: a callback waits while an
     * earlier one of its decision is queued, being sent or waiting to retry (dead letters no longer hold it up).
     */
    private static final String NOT_BEHIND_AN_EARLIER_CALLBACK = """
            not (o.kind = 'callback' and exists (
                select 1 from dispatch_outbox e
                where e.decision_id = o.decision_id and e.kind = 'callback' and e.seq < o.seq
                  and e.status in ('queued', 'dispatched', 'failed')))""";

    /** The oldest due rows a worker may take, unlocked: parameters {@code :now} and {@code :limit}. */
    static final String CANDIDATES = "select o.id from dispatch_outbox o where " + DUE + " and "
            + NOT_BEHIND_AN_EARLIER_CALLBACK + " order by o.due_at, o.id limit :limit";

    /**
     * Locks up to {@code limit} due rows that no other transaction holds, oldest due first, and returns their ids.
     * Two steps, because H2 locks every row a {@code FOR UPDATE … ORDER BY … LIMIT} scans before it applies the limit:
     * pick the candidates without a lock, then lock exactly those with {@code SKIP LOCKED}, re-checking that they are
     * still due (another replica may have claimed and committed one in between). A row another worker holds is
     * skipped, not waited for. A callback behind an earlier one of its decision is not a candidate (it would race it).
     */
    List<UUID> lockDue(Instant now, int limit) {
        List<UUID> candidates = ids(CANDIDATES)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        return ids("select id from dispatch_outbox where id in (:ids) and " + DUE
                + " order by due_at, id for update skip locked")
                .setParameter("ids", candidates)
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * A native query whose one column, {@code id}, is read as a UUID. Declared as a scalar, not as the query's result
     * class: Hibernate caches a native query's plan under its result mapping, and a result class gives a mapping that
     * is never equal to the last one, so every run cached another plan until the cache was full (issue #9).
     */
    @SuppressWarnings("unchecked")
    private NativeQuery<UUID> ids(String sql) {
        return getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class).addScalar("id", UUID.class);
    }

    /** The rows with these ids, in the order given, read in one statement. */
    List<OutboxRow> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, OutboxRow> found = list("id in ?1", ids).stream().collect(Collectors.toMap(row -> row.id, row -> row));
        return ids.stream().map(found::get).toList();
    }

    Optional<OutboxRow> findForAction(UUID actionId) {
        return find("actionId", actionId).firstResultOptional();
    }

    List<OutboxRow> forDecision(UUID decisionId) {
        return list("decisionId = ?1 order by createdAt, id", decisionId);
    }

    /** Dead-lettered and no-responder rows, most recently changed first. */
    List<OutboxRow> deadLetters(int limit) {
        return find("status in ?1 order by updatedAt desc, id", List.of(OutboxRow.DEAD_LETTERED, OutboxRow.NO_RESPONDER))
                .page(0, limit).list();
    }

    List<DispatchAttempt> attempts(UUID outboxId) {
        return getEntityManager()
                .createQuery("from DispatchAttempt where outboxId = :id order by attempt, id", DispatchAttempt.class)
                .setParameter("id", outboxId)
                .getResultList();
    }

    void persistAttempt(DispatchAttempt attempt) {
        getEntityManager().persist(attempt);
    }
}
