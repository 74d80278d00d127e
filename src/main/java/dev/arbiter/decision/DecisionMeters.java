package dev.arbiter.decision;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What {@code /q/metrics} shows of deciding: the alerts submitted by outcome and by the priority of their decision,
 * how long assessing took (context, rules and tables), and how long storing took (waiting for the group commit and
 * writing). Both times are histograms, so that a monitoring system can compute percentiles over any window and replica.
 */
@ApplicationScoped
class DecisionMeters {

    /**
     * Outcomes: a new decision; attached to an open decision with its fingerprint; a repeat of a stored alert; a
     * repeated Idempotency-Key, answered with the response stored for the first request.
     */
    static final String DECIDED = "decided";
    static final String ATTACHED = "attached";
    static final String REPEATED = "repeated";
    static final String REPLAYED = "replayed";

    private final Timer assess;
    private final Timer store;
    private final Meter.MeterProvider<Counter> alerts;

    DecisionMeters(MeterRegistry registry) {
        this.alerts = Counter.builder("arbiter.alerts")
                .description("Alerts submitted, by outcome (decided, attached, repeated, replayed) and their "
                        + "decision's priority")
                .withRegistry(registry);
        this.assess = Timer.builder("arbiter.decision.assess")
                .description("Assessing an alert: its context, the rules and the tables")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.store = Timer.builder("arbiter.decision.store")
                .description("Storing a new decision: waiting for the group commit, writing and committing")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    <T> T assess(Supplier<T> work) {
        return assess.record(work);
    }

    <T> T store(Supplier<T> work) {
        return store.record(work);
    }

    /** Counts an alert with its outcome and its decision's priority. */
    void alert(String outcome, String priority) {
        alerts.withTags("outcome", outcome, "priority", priority != null ? priority : "none").increment();
    }
}
