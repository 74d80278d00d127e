package dev.arbiter.decision;

import java.time.Instant;
import java.util.List;

import dev.arbiter.common.Principal;
import dev.arbiter.engine.ProposedAction;

/**
 * Holds back the actions that need people. The decision feature asks it once per action, inside the deciding
 * transaction; the approval feature implements it (approval policy, blast-radius budgets, kill switch, requests).
 */
public interface ActionGate {

    /**
     * Gives a persisted action its effective gate, status ({@link StoredAction#QUEUED} or
     * {@link StoredAction#PENDING_APPROVAL}), notes and — when it must wait — the approval request opened for it. Runs
     * in the deciding transaction; the caller fires {@link ActionReady} for the actions left queued.
     */
    void apply(StoredDecision decision, StoredAction action, ProposedAction proposed, Principal principal);

    /** What {@link #apply} would give the action now, changing and recording nothing: for the dry run. */
    Preview preview(ProposedAction proposed, Instant now);

    /** The gate, status and notes an action would get. */
    record Preview(String gate, String status, List<String> notes) {

        public Preview {
            notes = List.copyOf(notes);
        }
    }
}
