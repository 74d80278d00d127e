package dev.arbiter.decision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import dev.arbiter.common.Causes;
import dev.arbiter.common.Constraints;

/**
 * Who holds each dedup fingerprint. A new decision claims its fingerprint in its own transaction; when another
 * decision inside the window already holds it (it committed after this alert looked for an open decision), or a
 * concurrent one is claiming it right now, the claim fails and the caller attaches the alert instead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class DedupClaims {

    /** Another decision with the same fingerprint was opened inside the window first. */
    static final class Taken extends RuntimeException {
        Taken(String fingerprint) {
            super("Fingerprint " + fingerprint + " is held by a decision inside the dedup window", null, false, false);
        }
    }

    private final EntityManager em;

    DedupClaims(EntityManager em) {
        this.em = em;
    }

    /** Claims the fingerprint for this decision, unless a decision made after {@code windowStart} holds it. */
    void claim(String fingerprint, UUID decisionId, Instant decidedAt, Instant windowStart) {
        // a scalar, not a result class: with a result class Hibernate cached another plan for every claim (issue #9)
        @SuppressWarnings("unchecked")
        List<Instant> held = em.createNativeQuery("select decided_at from dedup_claim where fingerprint = ?1 for update")
                .unwrap(NativeQuery.class).addScalar("decided_at", Instant.class)
                .setParameter(1, fingerprint).getResultList();
        if (held.isEmpty()) {
            em.createNativeQuery("insert into dedup_claim (fingerprint, decision_id, decided_at) values (?1, ?2, ?3)")
                    .setParameter(1, fingerprint).setParameter(2, decisionId).setParameter(3, decidedAt).executeUpdate();
            return;
        }
        if (held.get(0).isAfter(windowStart)) {
            throw new Taken(fingerprint);
        }
        em.createNativeQuery("update dedup_claim set decision_id = ?2, decided_at = ?3 where fingerprint = ?1")
                .setParameter(1, fingerprint).setParameter(2, decisionId).setParameter(3, decidedAt).executeUpdate();
    }

    /** Whether the failure means a concurrent decision claimed the fingerprint first. */
    static boolean lostRace(Throwable failure) {
        return Causes.any(failure, Taken.class::isInstance) || Constraints.violated(failure, "dedup_claim");
    }
}
