package dev.arbiter.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What this replica holds of one entity's history: its newest rows by occurrence (which prior alerts count) and by
 * decision (which accumulated risk sums), read once and then kept current by every decision this replica commits
 * for the entity. Until the read is in, rows committed meanwhile wait in a buffer, so none is lost between the read
 * and the first answer; those the read saw already are recognised by their alert.
 */
final class EntityWindow {

    /** A row committed for the entity: its alert, when the alert occurred and, when it was decided, when and how. */
    record Row(UUID alertId, long occurred, long decided, int score) {
        static final long UNDECIDED = Long.MIN_VALUE;
    }

    /** The two answers, or null when the held rows cannot give them exactly. */
    record Figures(int priorAlerts, double accumulatedRisk) {
    }

    private final int keep;
    private HeldRows occurred;
    private HeldRows decided;
    private List<Row> committedWhileReading = new ArrayList<>();

    /**
     * A window still being read.
     *
     * @param keep how many of the newest rows to keep of each kind; it keeps up to twice that between trims
     */
    EntityWindow(int keep) {
        this.keep = keep;
    }

    synchronized boolean isRead() {
        return committedWhileReading == null;
    }

    /**
     * The read is in: the rows it saw, the alerts behind them, and the rows it committed while reading that it did not
     * see.
     */
    synchronized void read(HeldRows occurred, HeldRows decided, Set<UUID> occurredSeen, Set<UUID> decidedSeen) {
        this.occurred = occurred;
        this.decided = decided;
        for (Row row : committedWhileReading) {
            add(row, !occurredSeen.contains(row.alertId()), !decidedSeen.contains(row.alertId()));
        }
        committedWhileReading = null;
    }

    synchronized void committed(Row row) {
        if (committedWhileReading != null) {
            committedWhileReading.add(row);
        } else {
            add(row, true, true);
        }
    }

    private void add(Row row, boolean toOccurred, boolean toDecided) {
        if (toOccurred) {
            occurred.add(row.occurred(), 0);
            if (occurred.size() > 2 * keep) {
                occurred.keepNewest(keep);
            }
        }
        if (toDecided && row.decided() != Row.UNDECIDED) {
            decided.add(row.decided(), row.score());
            if (decided.size() > 2 * keep) {
                decided.keepNewest(keep);
            }
        }
    }

    /**
     * The figures at decision time {@code at}: alerts that occurred at or after {@code at - window}, at most {@code
     * limit} of them; the decayed sum over the newest {@code limit} decisions in {@code (at - lookback, at]}. Null
     * while the read is not in or when rows not held could change either figure.
     */
    synchronized Figures figures(long at, long window, long lookback, double halfLife, int limit) {
        if (committedWhileReading != null) {
            return null;
        }
        int prior = occurred.countFrom(at - window, limit);
        double risk = decided.decayedSum(at - lookback, at, limit, halfLife);
        return prior < 0 || Double.isNaN(risk) ? null : new Figures(prior, risk);
    }
}
