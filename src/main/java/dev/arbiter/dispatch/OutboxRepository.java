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
    static final String CANDIDATES = candidatesWhere(DUE);

    /**
     * The same, after a position in that order ({@code :afterDue}, {@code :afterId}). Rows leave the pending index
     * only when a vacuum removes them: until then every settled row is an entry a claim from the start walks past.
     * In a flood, with the worker far behind, that was 1,724 index pages (350,000 settled rows) before the first row
     * still queued, read again for each batch of 20 (issue #9).
     */
    static final String CANDIDATES_AFTER = candidatesWhere(DUE + " and (o.due_at, o.id) > (:afterDue, :afterId)");

    /** The rows meeting {@code condition} that a worker may take, in claim order, up to {@code :limit}. */
    private static String candidatesWhere(String condition) {
        return "select o.id, o.due_at from dispatch_outbox o where " + condition + " and "
                + NOT_BEHIND_AN_EARLIER_CALLBACK + " order by o.due_at, o.id limit :limit";
    }

    /** A place in the order in which due rows are claimed: due time, then id. */
    record Position(Instant dueAt, UUID id) {
    }

    /** What {@link #lockDue} locked, and the last candidate it looked at: where the next claim may go on from. */
    record Locked(List<UUID> ids, Optional<Position> last) {
    }

    /**
     * Locks up to {@code limit} due rows that no other transaction holds, oldest due first (after {@code after}, when
     * given), and returns their ids. Two steps, because H2 locks every row a {@code FOR UPDATE … ORDER BY … LIMIT}
     * scans before it applies the limit: pick the candidates without a lock, then lock exactly those with {@code SKIP
     * LOCKED}, re-checking that they are still due (another replica may have claimed and committed one in between). A
     * row another worker holds is skipped, not waited for. A callback behind an earlier one of its decision is not a
     * candidate (it would race it).
     */
    Locked lockDue(Instant now, int limit, Optional<Position> after) {
        NativeQuery<Object[]> query = candidates(after.isPresent() ? CANDIDATES_AFTER : CANDIDATES)
                .setParameter("now", now)
                .setParameter("limit", limit);
        after.ifPresent(position -> query.setParameter("afterDue", position.dueAt())
                .setParameter("afterId", position.id()));
        List<Object[]> candidates = query.getResultList();
        if (candidates.isEmpty()) {
            return new Locked(List.of(), Optional.empty());
        }
        Object[] last = candidates.get(candidates.size() - 1);
        List<UUID> locked = ids("select id from dispatch_outbox where id in (:ids) and " + DUE
                + " order by due_at, id for update skip locked")
                .setParameter("ids", candidates.stream().map(row -> (UUID) row[0]).toList())
                .setParameter("now", now)
                .getResultList();
        return new Locked(locked, Optional.of(new Position((Instant) last[1], (UUID) last[0])));
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object[]> candidates(String sql) {
        return getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class)
                .addScalar("id", UUID.class).addScalar("due_at", Instant.class);
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
