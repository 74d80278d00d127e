package dev.arbiter.context;

import java.util.Arrays;

/**
 * The newest of one entity's {@code alert_entity} rows by one time column (when the alert occurred, or when its
 * decision was made), in ascending order with each row's score, and a bound between them and the rest: every row held
 * is at or after {@link #ceiling}, every row of the entity not held is at or before it. That bound is what lets a
 * figure be answered from the held rows alone, or refused when rows that are not held could change it (then the
 * caller reads the database). Rows tied at the ceiling may be on either side; they weigh the same in either figure,
 * and the database's own choice among them is arbitrary too.
 *
 * <p>Times are microseconds since the epoch, the precision both databases store. Not thread-safe: {@link
 * EntityWindow} guards it.
 */
final class HeldRows {

    private long[] times;
    private int[] scores;
    private int size;
    /** Every row not held is at or before this time; every row held is at or after it. */
    private long ceiling;

    /**
     * Rows in any order, and the bound on those not given (when a read stopped at a limit, the last row it read).
     * Rows newest first, as the history statement returns them, are taken from the end, so that each lands after the
     * last without moving any.
     *
     * @param ceiling every row of the entity not among these is at or before it, and these are at or after it
     */
    HeldRows(long[] times, int[] scores, int size, long ceiling) {
        this.times = new long[Math.max(4, size)];
        this.scores = new int[this.times.length];
        this.size = 0;
        this.ceiling = ceiling;
        boolean newestFirst = size > 1 && times[0] > times[size - 1];
        for (int i = 0; i < size; i++) {
            int from = newestFirst ? size - 1 - i : i;
            add(times[from], scores[from]);
        }
    }

    long ceiling() {
        return ceiling;
    }

    int size() {
        return size;
    }

    /** A row committed after these were read; one before the ceiling is covered by it already. */
    void add(long time, int score) {
        if (time < ceiling) {
            return;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        int at = size;
        while (at > 0 && times[at - 1] > time) { // rows arrive newest last, so this rarely moves any
            at--;
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(scores, at, scores, at + 1, size - at);
        times[at] = time;
        scores[at] = score;
        size++;
    }

    /** Keeps the newest {@code keep} rows; what is dropped raises the ceiling. */
    void keepNewest(int keep) {
        int drop = size - keep;
        if (drop <= 0) {
            return;
        }
        ceiling = Math.max(ceiling, times[drop - 1]);
        System.arraycopy(times, drop, times, 0, keep);
        System.arraycopy(scores, drop, scores, 0, keep);
        size = keep;
    }

    /**
     * How many rows are at or after {@code from}, counting at most {@code limit}; -1 when rows not held could be
     * among them and fewer than the limit are held.
     */
    int countFrom(long from, int limit) {
        int count = 0;
        for (int i = size - 1; i >= 0 && times[i] >= from; i--) {
            if (++count == limit) {
                return limit;
            }
        }
        return ceiling < from ? count : -1;
    }

    /**
     * {@code Σ score × 0.5^(age / halfLife)} over the newest {@code limit} rows after {@code after} and at or before
     * {@code at}; NaN when rows not held could be among them.
     */
    double decayedSum(long after, long at, int limit, double halfLifeMicros) {
        double sum = 0;
        int taken = 0;
        for (int i = size - 1; i >= 0 && times[i] > after && taken < limit; i--) {
            if (times[i] <= at) {
                sum += scores[i] * Math.pow(0.5, (at - times[i]) / halfLifeMicros);
                taken++;
            }
        }
        return taken == limit || ceiling <= after ? sum : Double.NaN;
    }
}
