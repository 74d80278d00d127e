package dev.arbiter.decision;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
        set(List.of(actionId), status);
    }

    /**
     * Sets the status of several actions with one statement, as the dispatch worker's claim does for its batch: set
     * one by one, each update made Hibernate flush the batch's rows changed so far and translate the statement anew,
     * a third of the worker's CPU under a flood (issue #9). Throws if any of them does not exist, which rolls the
     * caller's transaction back.
     */
    public void set(Collection<UUID> actionIds, String status) {
        if (actionIds.isEmpty()) {
            return;
        }
        int updated = em.createQuery("update StoredAction a set a.status = :status where a.id in :ids")
                .setParameter("status", status)
                .setParameter("ids", actionIds)
                .executeUpdate();
        if (updated != new HashSet<>(actionIds).size()) {
            throw new IllegalArgumentException("No action for some of " + actionIds);
        }
    }
}
