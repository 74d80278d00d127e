package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The batching itself, with work that only says which transaction it ran in and how often. */
@QuarkusTest
class GroupCommitTest {

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void workQueuedTogetherRunsInOneTransactionAndALoneCallWaitsForNoOne() throws Exception {
        GroupCommit groupCommit = new GroupCommit(config(16, 1), meters);

        Object alone = groupCommit.call(Set.of("alone"), transactionKey("alone"));
        List<Object> together = together(groupCommit,
                List.of(transactionKey("a"), transactionKey("b"), transactionKey("c")), List.of("a", "b", "c"));

        assertThat(alone).isNotNull();
        assertThat(together).containsOnly(together.get(0)).doesNotContain(alone);
        assertThat(groupCommit.counts()).isEqualTo(new GroupCommit.Counts(1, 3, 0, 2, 4));
        assertThat(counted("arbiter.group.commit.transactions")).isEqualTo(2);
        assertThat(counted("arbiter.group.commit.writes")).isEqualTo(4);
        assertThat(counted("arbiter.group.commit.retries")).isZero();
    }

    @Test
    void aBatchIsNoLargerThanItsMaximum() throws Exception {
        GroupCommit groupCommit = new GroupCommit(config(2, 1), meters);

        List<Object> keys = together(groupCommit,
                List.of(transactionKey("a"), transactionKey("b"), transactionKey("c")), List.of("a", "b", "c"));

        assertThat(keys.get(0)).isEqualTo(keys.get(1));
        assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
        assertThat(groupCommit.counts().batches()).isEqualTo(1);
        assertThat(groupCommit.counts().commits()).as("the batch of two, then the third alone").isEqualTo(2);
    }

    @Test
    void workThatFailsInABatchFailsAloneAndTheRestIsWrittenAgain() throws Exception {
        GroupCommit groupCommit = new GroupCommit(config(16, 1), meters);
        Callable<Object> refused = () -> {
            runs.computeIfAbsent("refused", k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("refused");
        };
        Callable<Object> broken = () -> {
            runs.computeIfAbsent("broken", k -> new AtomicInteger()).incrementAndGet();
            throw new AssertionError("broken");
        };

        List<Object> outcomes = together(groupCommit,
                List.of(transactionKey("a"), refused, transactionKey("b"), broken), List.of("a", "r", "b", "x"));

        assertThat(outcomes.get(0)).isNotInstanceOf(Throwable.class);
        assertThat((Throwable) outcomes.get(1)).isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(outcomes.get(2)).isNotInstanceOf(Throwable.class).isNotEqualTo(outcomes.get(0));
        // as alone: the transaction wraps an Error
        assertThat((Throwable) outcomes.get(3)).isInstanceOf(RuntimeException.class)
                .hasCauseInstanceOf(AssertionError.class).cause().hasMessage("broken");
        assertThat(runs.get("a").get()).as("in the batch, then alone").isEqualTo(2);
        assertThat(runs.get("refused").get()).isEqualTo(2);
        assertThat(runs.get("broken").get()).as("the batch stopped at the refusal").isEqualTo(1);
        // a and b committed alone after the batch failed; the refused and the broken work committed nothing
        assertThat(groupCommit.counts()).isEqualTo(new GroupCommit.Counts(0, 0, 1, 2, 2));
        assertThat(counted("arbiter.group.commit.retries")).isEqualTo(1);
        assertThat(counted("arbiter.group.commit.writes")).isEqualTo(2);
    }

    @Test
    void workWithAKeyBeingWrittenWaitsAndIsThenWrittenAlone() throws Exception {
        GroupCommit groupCommit = new GroupCommit(config(16, 2), meters);

        List<Object> keys = together(groupCommit,
                List.of(transactionKey("first"), transactionKey("other"), transactionKey("second"), transactionKey("more")),
                List.of("same", "other", "same", "more"));

        assertThat(keys.get(0)).isEqualTo(keys.get(1)).isEqualTo(keys.get(3));
        assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
        assertThat(groupCommit.counts()).isEqualTo(new GroupCommit.Counts(1, 3, 0, 2, 4));
    }

    @Test
    void withABatchOfOneEachCallHasATransactionOfItsOwn() {
        GroupCommit groupCommit = new GroupCommit(config(1, 2), meters);

        assertThat(groupCommit.call(Set.of("k"), transactionKey("a")))
                .isNotEqualTo(groupCommit.call(Set.of("k"), transactionKey("b")));
        assertThatThrownBy(() -> groupCommit.call(Set.of("k"), () -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(groupCommit.counts()).as("no batches; the two that committed are counted")
                .isEqualTo(new GroupCommit.Counts(0, 0, 0, 2, 2));
    }

    @Test
    void everyCallEndsWhenManyThreadsShareFewKeysAndSomeWorkFails() throws Exception {
        // only the threads that can go on are woken: none may be left waiting with its work undone
        GroupCommit groupCommit = new GroupCommit(config(4, 2), meters);
        ExecutorService threads = Executors.newFixedThreadPool(48);
        try {
            // every thread queues its first call before any batch starts, so the first batch takes several
            groupCommit.hold();
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String name = "w" + i;
                boolean fails = i % 17 == 0;
                Set<String> key = Set.of("k" + (i % 7));
                calls.add(threads.submit(() -> {
                    try {
                        return groupCommit.call(key, fails ? () -> {
                            throw new IllegalStateException(name);
                        } : transactionKey(name));
                    } catch (IllegalStateException e) {
                        return e;
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (groupCommit.queued() < 48 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(groupCommit.queued()).as("calls queued while held").isEqualTo(48);
            groupCommit.release();
            for (int i = 0; i < calls.size(); i++) {
                Object outcome = calls.get(i).get(60, TimeUnit.SECONDS);
                if (i % 17 == 0) {
                    assertThat(outcome).isInstanceOf(IllegalStateException.class);
                } else {
                    assertThat(outcome).isNotInstanceOf(Throwable.class).isNotNull();
                }
            }
        } finally {
            groupCommit.release();
            threads.shutdownNow();
        }
        assertThat(groupCommit.queued()).isZero();
        GroupCommit.Counts counts = groupCommit.counts();
        // a batch of several either committed or failed and was written again one by one
        assertThat(counts.batches() + counts.retried()).as("batches of several were taken").isPositive();
        assertThat(counts.committedWork()).as("every call that did not fail, once")
                .isEqualTo(2_000 - (2_000 + 16) / 17);
        assertThat(counts.commits()).isBetween(counts.batches(), counts.committedWork());
        // work in a failed batch runs in it and again alone; everything else once
        assertThat(runs).hasSize(2_000 - (2_000 + 16) / 17);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isBetween(1, 2));
    }

    /** Queues the work in this order while held, then releases; each result or failure, in the same order. */
    private static List<Object> together(GroupCommit groupCommit, List<Callable<Object>> work, List<String> keys)
            throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            Callable<Object> each = work.get(i);
            Set<String> key = Set.of(keys.get(i));
            calls.add(() -> {
                try {
                    return groupCommit.call(key, each);
                } catch (RuntimeException | Error e) {
                    return e;
                }
            });
        }
        return GroupCommitControl.together(groupCommit, calls);
    }

    private double counted(String counter) {
        return meters.get(counter).functionCounter().count();
    }

    /** Work that counts its runs and returns the key of the transaction it ran in. */
    private Callable<Object> transactionKey(String name) {
        return () -> {
            runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            return transactions.getTransactionKey();
        };
    }

    private static GroupCommitConfig config(int maxAlerts, int transactions) {
        return new GroupCommitConfig() {
            @Override
            public int maxAlerts() {
                return maxAlerts;
            }

            @Override
            public int transactions() {
                return transactions;
            }
        };
    }
}
