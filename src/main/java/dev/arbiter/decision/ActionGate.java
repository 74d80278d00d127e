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
     * Gives a new action, before it is written, its effective gate, status ({@link StoredAction#QUEUED} or
     * {@link StoredAction#PENDING_APPROVAL}), notes and — when it must wait — the id of the approval request that the
     * returned {@link Opening} writes once the action is. Written once, with its gate, the action needs no update
     * (issue #9). Runs in the deciding transaction; the caller writes the decision with its actions, then opens each
     * returned opening, then fires {@link ActionReady} for the actions left queued.
     */
    Opening apply(StoredDecision decision, StoredAction action, ProposedAction proposed, Principal principal);

    /** What a gated action brings with it and must be written after it (its approval request refers to it). */
    @FunctionalInterface
    interface Opening {

        /** Nothing: the action goes out without approval. */
        Opening NONE = () -> { };

        void open();
    }

    /** What {@link #apply} would give the action now, changing and recording nothing: for the dry run. */
    Preview preview(ProposedAction proposed, Instant now);

    /** The gate, status and notes an action would get. */
    record Preview(String gate, String status, List<String> notes) {

        public Preview {
            notes = List.copyOf(notes);
        }
    }
}
