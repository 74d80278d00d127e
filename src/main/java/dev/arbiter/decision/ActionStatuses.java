package dev.arbiter.decision;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Moves an action along its statuses for the features that act on it (dispatch, approval), inside their
 * transaction. Dispatch sets {@link #DISPATCHED}, {@link #FAILED} (a retry is scheduled), {@link #SUCCEEDED},
 * {@link #DEAD_LETTERED} and {@link #NO_RESPONDER}, and {@link StoredAction#QUEUED} when an action is (re)queued.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ActionStatuses {

    /** A delivery attempt is under way. */
    public static final String DISPATCHED = "dispatched";
    /** The last attempt failed; another is scheduled. */
    public static final String FAILED = "failed";
    /** The responder accepted the action. */
    public static final String SUCCEEDED = "succeeded";
    /** Every attempt failed, or the responder refused it for good; an admin may re-drive it. */
    public static final String DEAD_LETTERED = "dead-lettered";
    /** No responder is configured for the action's type; an admin may re-drive it once one is. */
    public static final String NO_RESPONDER = "no-responder";

    private final EntityManager em;

    ActionStatuses(EntityManager em) {
        this.em = em;
    }

    /**
     * Sets the action's status: one update statement, where loading the action and writing it back took two (issue #9).
     * An action already loaded in this transaction keeps its old status in memory; the callers (dispatch) load none.
     */
    public void set(UUID actionId, String status) {
        int updated = em.createQuery("update StoredAction a set a.status = :status where a.id = :id")
                .setParameter("status", status)
                .setParameter("id", actionId)
                .executeUpdate();
        if (updated == 0) {
            throw new IllegalArgumentException("No action " + actionId);
        }
    }
}
