package dev.arbiter.dispatch;

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

    private final Outbox outbox;
    private final WebhookSender sender;
    private final DispatchConfig config;

    DispatchWorker(Outbox outbox, WebhookSender sender, DispatchConfig config) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
    }

    @Scheduled(identity = "arbiter-dispatch", every = "${arbiter.dispatch.interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
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

    /** Runs until nothing is due (each failed delivery waits its backoff, so this ends). Returns how many were handled. */
    public int drain() {
        int total = 0;
        for (int handled = runOnce(); handled > 0; handled = runOnce()) {
            total += handled;
        }
        return total;
    }
}
