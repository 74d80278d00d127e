package dev.arbiter.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs on every replica: claims due deliveries ({@link Outbox#claim}, a short transaction), sends them
 * ({@link WebhookSender}, no transaction open), and settles each result in its own transaction. The schedule is
 * {@code arbiter.dispatch.interval}; tests call {@link #runOnce()} directly.
 */
@ApplicationScoped
public class DispatchWorker {

    private static final Logger LOG = Logger.getLogger(DispatchWorker.class);

    private static final int PURGE_BATCH = 500;

    private final Outbox outbox;
    private final WebhookSender sender;
    private final DispatchConfig config;
    private final Clock clock;

    DispatchWorker(Outbox outbox, WebhookSender sender, DispatchConfig config, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
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
        Outbox.Batch batch = outbox.claim(config.batchSize());
        List<Delivery> claimed = batch.deliveries();
        if (claimed.isEmpty()) {
            return batch.taken();
        }
        List<Delivery.Result> results = sender.send(claimed);
        for (int i = 0; i < claimed.size(); i++) {
            Delivery delivery = claimed.get(i);
            Delivery.Result result = results.get(i);
            LOG.debugf("Delivery %s attempt %d to %s: %s in %d ms", delivery.id(), delivery.attempt(),
                    delivery.responder(), result.describe(), result.durationMs());
            try {
                outbox.settle(delivery, result);
            } catch (RuntimeException e) {
                // Left dispatched: when its lease expires it is taken over and sent again (at least once).
                LOG.errorf(e, "Could not record the result of delivery %s; it will be retried after its lease", delivery.id());
            }
        }
        return batch.taken();
    }

    /** Runs until a run takes less than a full batch; returns how many due rows it took in all. */
    int runWhileFull() {
        int total = 0;
        int taken;
        do {
            taken = runOnce();
            total += taken;
        } while (taken >= config.batchSize());
        return total;
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
