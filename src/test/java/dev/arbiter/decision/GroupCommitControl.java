package dev.arbiter.decision;

import jakarta.enterprise.context.ApplicationScoped;

/** Lets tests of other packages line decisions up for one shared transaction ({@link GroupCommit}). */
@ApplicationScoped
public class GroupCommitControl {

    private final GroupCommit groupCommit;

    GroupCommitControl(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    /** From now on decisions queue instead of being written. */
    public void hold() {
        groupCommit.hold();
    }

    /** Once {@code decisions} are queued, lets them be written: one batch takes them all (up to its maximum size). */
    public void releaseWhenQueued(int decisions) {
        try {
            waitUntilQueued(decisions);
        } finally {
            groupCommit.release();
        }
    }

    /** Waits (30 s at most) until {@code decisions} are queued. */
    public void waitUntilQueued(int decisions) {
        waitUntilQueued(groupCommit, decisions);
    }

    /** The same for a {@link GroupCommit} of a test's own. */
    static void waitUntilQueued(GroupCommit groupCommit, int decisions) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (groupCommit.queued() < decisions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(groupCommit.queued() + " decisions queued after 30 s, not " + decisions);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public long batches() {
        return groupCommit.counts().batches();
    }

    public long grouped() {
        return groupCommit.counts().grouped();
    }

    public long retried() {
        return groupCommit.counts().retried();
    }
}
