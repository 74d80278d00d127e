package dev.arbiter.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.arbiter.common.CountGauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs on every replica: claims due deliveries ({@link Outbox#claim}, a short transaction), sends them
 * ({@link WebhookSender}, no transaction open), and settles each result in its own transaction. The schedule is
 * {@code arbiter.dispatch.interval}; tests call {@link #runOnce()} directly.
 *
 * <p>{@code /q/metrics} counts the delivery attempts this replica recorded, by result, and shows the deliveries waiting
 * to go out or to be retried, across replicas (the outbox's backlog); it is created at start-up so that they are there
 * before the first run.
 */
@ApplicationScoped
@Startup
public class DispatchWorker {

    private static final Logger LOG = Logger.getLogger(DispatchWorker.class);

    private static final int PURGE_BATCH = 500;

    /** In a run that goes on and on, claims start over from the oldest due row after this many batches. */
    static final int BATCHES_BEFORE_STARTING_OVER = 50;

    private final Outbox outbox;
    private final WebhookSender sender;
    private final DispatchConfig config;
    private final Clock clock;
    /** Attempts recorded, by outcome ({@code succeeded}, {@code failed}, {@code late}). */
    private final Meter.MeterProvider<Counter> attempts;

    DispatchWorker(Outbox outbox, WebhookSender sender, DispatchConfig config, Clock clock, MeterRegistry registry,
                   DataSource database) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.attempts = Counter.builder("arbiter.dispatch.attempts")
                .description("Delivery attempts this replica sent and recorded, by outcome: succeeded, failed (retried"
                        + " later or dead-lettered), late (answered after its lease expired and another took it over)")
                .withRegistry(registry);
        List.of(DispatchAttempt.SUCCEEDED, DispatchAttempt.FAILED, DispatchAttempt.LATE)
                .forEach(outcome -> attempts.withTag("outcome", outcome)); // each reads 0 before its first attempt
        CountGauge.register(registry, database, "arbiter.outbox.pending",
                "Deliveries queued, being sent or waiting to be retried (all replicas)",
                "select count(*) from dispatch_outbox where status in ('queued', 'dispatched', 'failed')");
    }

    /**
     * Runs batch after batch while each one comes back full, as the audit sealer does: one batch per interval would
     * send at most {@code batch-size / interval} deliveries a second (10 by default), and in a flood of alerts the
     * actions would go out hours after they were decided. A run that skips its turn because the previous one is still
     * draining costs nothing ({@code SKIP}).
     */
    @Scheduled(identity = "arbiter-dispatch", every = "${arbiter.dispatch.interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            runWhileFull();
        } catch (RuntimeException e) {
            LOG.error("Dispatch run failed; due deliveries stay queued for the next run", e);
        }
    }

    /**
     * One run: claims up to a batch of due deliveries, sends them in parallel, records every result. Returns how many
     * due rows it took (some are settled without sending: no responder, attempts used up).
     */
    public int runOnce() {
        return runOnce(Optional.empty()).taken();
    }

    private Outbox.Batch runOnce(Optional<OutboxRepository.Position> after) {
        Outbox.Batch batch = outbox.claim(config.batchSize(), after);
        List<Delivery> claimed = batch.deliveries();
        if (claimed.isEmpty()) {
            return batch;
        }
        List<Delivery.Result> results = sender.send(claimed);
        for (int i = 0; i < claimed.size(); i++) {
            Delivery delivery = claimed.get(i);
            Delivery.Result result = results.get(i);
            LOG.debugf("Delivery %s attempt %d to %s: %s in %d ms", delivery.id(), delivery.attempt(),
                    delivery.responder(), result.describe(), result.durationMs());
            try {
                attempts.withTag("outcome", outbox.settle(delivery, result)).increment();
            } catch (RuntimeException e) {
                // Left dispatched: when its lease expires it is taken over and sent again (at least once).
                LOG.errorf(e, "Could not record the result of delivery %s; it will be retried after its lease", delivery.id());
            }
        }
        return batch;
    }

    /**
     * Runs until a run takes less than a full batch; returns how many due rows it took in all. Each batch goes on
     * after the last row the one before looked at, instead of reading the due rows from the start again: rows settled
     * since the last vacuum still sit at the start of the pending index. A row that becomes due behind that point (a
     * callback whose predecessor was delivered, a row committed late, one another replica held) is taken when the
     * claims start over: at the next run, or after {@link #BATCHES_BEFORE_STARTING_OVER} batches of this one.
     */
    int runWhileFull() {
        int total = 0;
        Optional<OutboxRepository.Position> after = Optional.empty();
        for (int batches = 1; ; batches++) {
            Outbox.Batch batch = runOnce(after);
            total += batch.taken();
            if (batch.taken() < config.batchSize()) {
                return total;
            }
            after = nextStart(batches, batch);
        }
    }

    /** Where the claim after the given full batch, the {@code batches}th of its run, starts: after it, or over. */
    static Optional<OutboxRepository.Position> nextStart(int batches, Outbox.Batch batch) {
        return batches % BATCHES_BEFORE_STARTING_OVER == 0 ? Optional.empty() : batch.last();
    }

    @Scheduled(identity = "arbiter-dispatch-purge", every = "${arbiter.dispatch.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.error("Outbox purge failed; it runs again at the next interval", e);
        }
    }

    /** Deletes succeeded deliveries older than {@code arbiter.dispatch.retention}, a batch per transaction. Returns how many. */
    public int purge() {
        Instant before = clock.instant().minus(config.retention());
        int total = 0;
        for (int deleted = outbox.purgeSucceeded(before, PURGE_BATCH); deleted > 0; deleted = outbox.purgeSucceeded(before, PURGE_BATCH)) {
            total += deleted;
        }
        return total;
    }

    /** Runs until nothing is due (each failed delivery waits its backoff, so this ends). Returns how many were handled. */
    public int drain() {
        int total = 0;
        for (int handled = runOnce(); handled > 0; handled = runOnce()) {
            total += handled;
        }
        return total;
    }
}
