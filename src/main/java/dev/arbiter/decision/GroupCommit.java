package dev.arbiter.decision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;

/**
 * Stores the decisions that are ready at the same moment in one transaction (group commit). A request thread with a
 * decision to store queues it; while fewer than {@code transactions} batches are being written, it takes the queued
 * decisions (its own and those of the threads waiting behind it, at most {@code max-alerts}) and writes them in one
 * transaction, and the others wait for it. Under load that is one commit, one flush and one JDBC batch per table for
 * several alerts instead of one each; a lone request writes its own alone and waits for no one. An alert that repeats
 * an open decision (dedup) is attached the same way, with the same keys.
 *
 * <p>A batch either commits whole or not at all. When it fails (a repeated alert hits the unique constraint, a
 * dedup claim lost a race, a deadlock), each of its decisions is written again in a transaction of its own, so each
 * request gets the outcome it would have got alone and no decision depends on another's. Two decisions with the same
 * key (source and external id, or dedup fingerprint) are never written at the same time: the second waits until the
 * first has committed, and is then written alone.
 *
 * <p>Hibernate groups a transaction's inserts by table in the order the tables first appear, which puts every alert
 * before every decision only while nothing is written early: a flush between one decision's alert and its decision
 * would send the next decision before its alert and fail the batch (it would then be stored one by one, correctly
 * and slower). So nothing on the storing path may make Hibernate write pending rows: the budget count, for one, counts
 * this transaction's actions without writing them ({@code approval.Safeguards}).
 *
 * <p>{@code /q/metrics} counts the transactions it committed and the pieces of work they held (their quotient is the
 * average batch), and the batches that failed and were written again one by one; it is created at start-up so that
 * they read 0 before the first alert. With dedup off a piece of work is one alert; with it on, an alert that finds no
 * open decision to attach to is two (the attempt, then its decision).
 */
@ApplicationScoped
@Startup
class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final int maxAlerts;
    private final int transactions;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    /** The keys of the work in the batches being written (a key appears once: no two pieces of work share one). */
    private final Set<String> beingWritten = new HashSet<>();
    private int writing;
    private boolean held;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    /** Every transaction committed here, of one piece of work or of a batch, and the pieces of work they held. */
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedWork = new AtomicLong();

    GroupCommit(GroupCommitConfig config, MeterRegistry registry) {
        this.maxAlerts = Math.max(1, config.maxAlerts());
        this.transactions = Math.max(1, config.transactions());
        FunctionCounter.builder("arbiter.group.commit.transactions", commits, AtomicLong::get)
                .description("Transactions committed by the group commit, each storing one alert or a batch of them")
                .register(registry);
        FunctionCounter.builder("arbiter.group.commit.writes", committedWork, AtomicLong::get)
                .description("Pieces of work the group commit's transactions committed: a new decision with its alert,"
                        + " or an alert's attempt to attach to an open decision (dedup)")
                .register(registry);
        FunctionCounter.builder("arbiter.group.commit.retries", retried, AtomicLong::get)
                .description("Batches that failed as a whole and were written again one alert at a time")
                .register(registry);
    }

    /** Runs {@code work} in a transaction, perhaps shared with other work queued at the same time; returns its result. */
    <T> T call(Set<String> keys, Callable<T> work) {
        if (maxAlerts == 1) {
            T result = QuarkusTransaction.requiringNew().call(work);
            committed(1);
            return result;
        }
        Pending<T> mine = new Pending<>(keys, work, lock.newCondition());
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.done) {
                List<Pending<?>> batch = !held && writing < transactions ? take() : List.of();
                if (batch.isEmpty()) {
                    mine.waiting = true;
                    mine.wake.awaitUninterruptibly();
                    mine.waiting = false;
                    continue;
                }
                writing++;
                batch.forEach(pending -> beingWritten.addAll(pending.keys));
                wakeATaker();
                lock.unlock();
                try {
                    write(batch);
                } finally {
                    lock.lock();
                    writing--;
                    batch.forEach(pending -> {
                        beingWritten.removeAll(pending.keys);
                        pending.wake.signal();
                    });
                    wakeATaker();
                }
            }
        } finally {
            lock.unlock();
        }
        return mine.result();
    }

    /**
     * Wakes one thread whose work is queued, if another batch may start: it takes what can be written (not only its
     * own work), and once it has taken a batch wakes the next. Waking every waiting thread instead, after each batch,
     * had each of up to 32 threads take the lock in turn only to wait again (issue #9: waiting and waking here took
     * about 5 % of the service's CPU samples under load). Called with the lock held.
     */
    private void wakeATaker() {
        if (held || writing >= transactions) {
            return;
        }
        for (Pending<?> pending : queue) {
            if (pending.waiting) {
                pending.waiting = false;
                pending.wake.signal();
                return;
            }
        }
    }

    /**
     * The oldest queued work, up to the batch size, leaving for a later batch what shares a key with work taken or
     * being written. Work that had to wait so is written alone: a second submission of an alert, or a second alert with
     * a fingerprint, then finds the first one committed and fails (to be answered with the first decision, or attached
     * to it), and failing alone it fails no batch.
     */
    private List<Pending<?>> take() {
        List<Pending<?>> batch = new ArrayList<>(Math.min(maxAlerts, queue.size()));
        Set<String> keys = new HashSet<>(beingWritten);
        for (Iterator<Pending<?>> it = queue.iterator(); it.hasNext() && batch.size() < maxAlerts; ) {
            Pending<?> next = it.next();
            if (next.keys.stream().anyMatch(keys::contains)) {
                next.contended = true;
            } else if (!next.contended || batch.isEmpty()) {
                keys.addAll(next.keys);
                batch.add(next);
                it.remove();
                if (next.contended) {
                    break;
                }
            }
        }
        return batch;
    }

    /** Writes the batch; every piece of work in it ends done, with its result or its own failure. */
    private void write(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<Object> results;
        try {
            results = QuarkusTransaction.requiringNew().call(() -> {
                List<Object> each = new ArrayList<>(batch.size());
                for (Pending<?> pending : batch) {
                    each.add(pending.work.call());
                }
                return each;
            });
        } catch (RuntimeException | Error e) {
            // nothing of the batch was committed: each is written alone, and fails alone if it fails again
            retried.incrementAndGet();
            LOG.debugf("A batch of %d decisions was not stored (%s); each is stored again on its own", batch.size(), e);
            batch.forEach(this::alone);
            return;
        }
        batches.incrementAndGet();
        grouped.addAndGet(batch.size());
        committed(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).succeeded(results.get(i));
        }
    }

    /** Writes one piece of work in a transaction of its own; it ends done, with its result or its failure. */
    private void alone(Pending<?> pending) {
        Object result;
        try {
            result = QuarkusTransaction.requiringNew().call(pending.work);
        } catch (RuntimeException | Error e) {
            pending.failed(e);
            return;
        }
        committed(1); // before it is done, so that its caller reads the counts with it
        pending.succeeded(result);
    }

    private void committed(int work) {
        commits.incrementAndGet();
        committedWork.addAndGet(work);
    }

    /** Tests: queued work waits and no batch starts until {@link #release}, which lets one batch take what waits. */
    void hold() {
        lock.lock();
        try {
            held = true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            held = false;
            wakeATaker();
        } finally {
            lock.unlock();
        }
    }

    /** Work queued and not yet taken into a batch. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Batches of two or more committed, the decisions they held, and batches written again one by one; then every
     * transaction committed (batches and single pieces of work) and the work they held.
     */
    record Counts(long batches, long grouped, long retried, long commits, long committedWork) {
    }

    Counts counts() {
        return new Counts(batches.get(), grouped.get(), retried.get(), commits.get(), committedWork.get());
    }

    /** Work waiting to be written, and once written its result or failure (published by the volatile {@code done}). */
    private static final class Pending<T> {

        private final Set<String> keys;
        private final Callable<T> work;
        /** Signalled when the work is done, or when its thread should try to take a batch (with the lock). */
        private final Condition wake;
        private volatile boolean done;
        /** Its thread waits on {@link #wake} (guarded by the lock). */
        private boolean waiting;
        /** Had to wait for work with the same key (guarded by the lock). */
        private boolean contended;
        private Object result;
        private Throwable failure;

        Pending(Set<String> keys, Callable<T> work, Condition wake) {
            this.keys = keys;
            this.work = work;
            this.wake = wake;
        }

        void succeeded(Object value) {
            result = value;
            done = true;
        }

        void failed(Throwable e) {
            failure = e;
            done = true;
        }

        @SuppressWarnings("unchecked")
        T result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return (T) result;
        }
    }
}
