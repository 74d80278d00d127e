package dev.arbiter.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What one replica holds of an entity's history, without a database: which figures the held rows answer, which they
 * refuse because rows not held could change them, and that rows committed while the read runs are neither lost nor
 * counted twice. Times are in microseconds; with no decay (an infinite half-life) a score keeps its value.
 */
class EntityWindowTest {

    private static final double NO_DECAY = Double.POSITIVE_INFINITY;
    private static final long HOUR = 3_600_000_000L;

    @Test
    void heldRowsCountAndSumWhenNothingNotHeldCouldChangeTheFigure() {
        // read at 100 h: everything from 76 h on was read (the window's edge bounds the rest)
        HeldRows occurred = rows(100 * HOUR - 24 * HOUR - 1, 80 * HOUR, 90 * HOUR, 99 * HOUR);

        assertThat(occurred.countFrom(76 * HOUR, 10)).isEqualTo(3);
        assertThat(occurred.countFrom(85 * HOUR, 10)).isEqualTo(2);
        assertThat(occurred.countFrom(85 * HOUR, 1)).as("capped at the limit").isEqualTo(1);
        // a decision time earlier than the read: rows before 76 h were not read and could count
        assertThat(occurred.countFrom(70 * HOUR, 10)).isEqualTo(-1);
        // unless the held rows alone reach the limit
        assertThat(occurred.countFrom(70 * HOUR, 3)).isEqualTo(3);
    }

    @Test
    void theSumTakesTheNewestRowsUpToTheDecisionTimeAndRefusesWhenRowsNotHeldCouldBeAmongThem() {
        // the read stopped at its limit: the row at 50 h was the last read, so the rows not read are at 50 h or before
        HeldRows decided = scored(50 * HOUR, new long[] {50 * HOUR, 60 * HOUR, 70 * HOUR, 80 * HOUR},
                new int[] {1, 10, 100, 1000});

        assertThat(decided.decayedSum(0, 100 * HOUR, 4, NO_DECAY)).isEqualTo(1111.0);
        assertThat(decided.decayedSum(0, 100 * HOUR, 2, NO_DECAY)).as("the newest two").isEqualTo(1100.0);
        assertThat(decided.decayedSum(0, 75 * HOUR, 2, NO_DECAY)).as("none after the decision time").isEqualTo(110.0);
        assertThat(decided.decayedSum(0, 75 * HOUR, 4, NO_DECAY)).as("the fourth could be one not held").isNaN();
        assertThat(decided.decayedSum(50 * HOUR, 75 * HOUR, 4, NO_DECAY)).as("none not held is after 50 h")
                .isEqualTo(110.0);
        assertThat(decided.decayedSum(0, 100 * HOUR, 3, 10 * HOUR))
                .isEqualTo(1000 * Math.pow(0.5, 2) + 100 * Math.pow(0.5, 3) + 10 * Math.pow(0.5, 4));
    }

    @Test
    void heldRowsAnswerTheSameWhateverOrderTheRowsCameIn() {
        // newest first is how the history statement returns them; the others are what add() and a shuffle give
        long[][] orders = {
            {80 * HOUR, 70 * HOUR, 60 * HOUR, 60 * HOUR, 50 * HOUR},
            {50 * HOUR, 60 * HOUR, 60 * HOUR, 70 * HOUR, 80 * HOUR},
            {60 * HOUR, 80 * HOUR, 50 * HOUR, 70 * HOUR, 60 * HOUR}};
        int[][] scores = {{1000, 100, 10, 20, 1}, {1, 10, 20, 100, 1000}, {10, 1000, 1, 100, 20}};
        for (int o = 0; o < orders.length; o++) {
            HeldRows decided = scored(50 * HOUR, orders[o], scores[o]);
            assertThat(decided.size()).isEqualTo(5);
            assertThat(decided.countFrom(60 * HOUR, 10)).as("order %d", o).isEqualTo(4);
            assertThat(decided.decayedSum(0, 100 * HOUR, 2, NO_DECAY)).as("order %d", o).isEqualTo(1100.0);
            assertThat(decided.decayedSum(0, 65 * HOUR, 2, NO_DECAY)).as("order %d", o).isEqualTo(30.0);
            assertThat(decided.decayedSum(0, 100 * HOUR, 5, NO_DECAY)).as("order %d", o).isEqualTo(1131.0);
        }
    }

    @Test
    void rowsBeforeTheCeilingAreCoveredAndTrimmingRaisesIt() {
        HeldRows rows = rows(10, 20, 30);
        rows.add(5, 0);
        assertThat(rows.size()).as("covered by the ceiling").isEqualTo(2);
        rows.add(10, 0);
        rows.add(25, 0);
        rows.add(40, 0);
        assertThat(rows.size()).isEqualTo(5);
        assertThat(rows.countFrom(11, 10)).isEqualTo(4);

        rows.keepNewest(2);

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.ceiling()).isEqualTo(25);
        assertThat(rows.countFrom(26, 10)).isEqualTo(2);
        assertThat(rows.countFrom(25, 10)).as("25 was dropped: not held").isEqualTo(-1);
        assertThat(rows.countFrom(25, 2)).as("the held rows alone reach the limit").isEqualTo(2);
    }

    @Test
    void aReadThatStoppedAtItsLimitAnswersItsOwnTimeEvenWhenRowsTieAtTheLastOne() {
        // a burst: the last five rows read share one time, and more with that time were not read
        long[] times = {60, 60, 60, 60, 60, 70, 80};
        HeldRows occurred = rows(60, times);

        assertThat(occurred.countFrom(50, 6)).isEqualTo(6);
        assertThat(occurred.countFrom(50, 7)).isEqualTo(7);
    }

    @Test
    void rowsCommittedWhileTheReadRunsJoinOnceWhetherOrNotTheReadSawThem() {
        EntityWindow window = new EntityWindow(10);
        UUID seen = UUID.randomUUID();
        UUID unseen = UUID.randomUUID();
        window.committed(new EntityWindow.Row(seen, 90 * HOUR, 90 * HOUR, 7));
        window.committed(new EntityWindow.Row(unseen, 95 * HOUR, 95 * HOUR, 11));
        window.committed(new EntityWindow.Row(UUID.randomUUID(), 96 * HOUR, EntityWindow.Row.UNDECIDED, 0));
        assertThat(window.isRead()).isFalse();
        assertThat(window.figures(100 * HOUR, 24 * HOUR, 168 * HOUR, NO_DECAY, 10)).as("not read yet").isNull();

        // the read saw the first alert (its row is among those read) but not the other two
        window.read(rows(76 * HOUR - 1, 90 * HOUR), scored(-68 * HOUR, new long[] {90 * HOUR}, new int[] {7}),
                Set.of(seen), Set.of(seen));

        assertThat(window.isRead()).isTrue();
        assertThat(window.figures(100 * HOUR, 24 * HOUR, 168 * HOUR, NO_DECAY, 10))
                .isEqualTo(new EntityWindow.Figures(3, 18.0));
        window.committed(new EntityWindow.Row(UUID.randomUUID(), 99 * HOUR, 99 * HOUR, 100));
        assertThat(window.figures(100 * HOUR, 24 * HOUR, 168 * HOUR, NO_DECAY, 10))
                .isEqualTo(new EntityWindow.Figures(4, 118.0));
    }

    @Test
    void aWindowKeepsAtMostTwiceWhatItKeepsAndStillAnswersTheNewest() {
        EntityWindow window = new EntityWindow(3);
        window.read(rows(0), scored(0, new long[0], new int[0]), Set.of(), Set.of());
        for (int i = 1; i <= 7; i++) {
            window.committed(new EntityWindow.Row(UUID.randomUUID(), i * HOUR, i * HOUR, i));
        }
        // seven rows: trimmed to the newest three (5, 6, 7), which answer a limit of three
        assertThat(window.figures(8 * HOUR, 24 * HOUR, 168 * HOUR, NO_DECAY, 3))
                .isEqualTo(new EntityWindow.Figures(3, 18.0));
        assertThat(window.figures(8 * HOUR, 24 * HOUR, 168 * HOUR, NO_DECAY, 4)).as("the fourth was dropped").isNull();
    }

    private static HeldRows rows(long ceiling, long... times) {
        return new HeldRows(times, new int[times.length], times.length, ceiling);
    }

    private static HeldRows scored(long ceiling, long[] times, int[] scores) {
        return new HeldRows(times, scores, times.length, ceiling);
    }
}
