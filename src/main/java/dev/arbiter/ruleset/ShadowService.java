package dev.arbiter.ruleset;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.decision.DecisionHistory;
import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.Ruleset;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Shadow mode: a candidate ruleset assessed beside the live one on live traffic. After a live decision commits, the
 * decision is queued; one background thread assesses it again with the shadow ruleset from the stored snapshot and
 * stores only a {@link ShadowResult}. The live request neither waits for it nor fails with it: a full queue skips
 * the decision (counted), a shadow failure is stored as the result's error.
 */
@ApplicationScoped
public class ShadowService {

    private static final Logger LOG = Logger.getLogger(ShadowService.class);

    private final RulesetService rulesets;
    private final DecisionHistory history;
    private final ShadowRepository results;
    private final Clock clock;
    private final ObjectMapper json;
    private final AtomicReference<Ruleset> shadow = new AtomicReference<>();
    private final AtomicLong skipped = new AtomicLong();
    private final ThreadPoolExecutor executor;
    /** {@code /q/metrics}: live decisions the shadow assessed, by outcome; the figures per version are the API's. */
    private final Meter.MeterProvider<Counter> outcomes;

    ShadowService(RulesetService rulesets, DecisionHistory history, ShadowRepository results, Clock clock, ObjectMapper json,
                  RulesetConfig config, MeterRegistry registry) {
        this.outcomes = Counter.builder("arbiter.shadow.results")
                .description("Live decisions assessed again by the shadow ruleset: same priority and actions (agreed),"
                        + " not (disagreed), failed (error), or not assessed because its queue was full (skipped)")
                .withRegistry(registry);
        List.of("agreed", "disagreed", "error", "skipped")
                .forEach(outcome -> outcomes.withTag("outcome", outcome)); // each reads 0 before its first result
        this.rulesets = rulesets;
        this.history = history;
        this.results = results;
        this.clock = clock;
        this.json = json;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, config.shadowQueue())),
                runnable -> {
                    Thread thread = new Thread(runnable, "arbiter-shadow");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Agreement of the shadow version with the live decisions so far. */
    public record Summary(String shadowVersion, long evaluated, long samePriority, long sameActions, long agreed,
                          long errors, long skipped, double agreement, List<Disagreement> recentDisagreements) {
    }

    /** A live decision the shadow version decided differently. */
    public record Disagreement(UUID decisionId, String liveVersion, String livePriority, String shadowPriority,
                               int liveScore, Integer shadowScore, String liveActions, String shadowActions, String error) {
    }

    /** Starts evaluating the candidate (files or a stored version) beside the live ruleset. */
    public Summary start(Map<String, String> files, String version, Principal principal) {
        Ruleset candidate = rulesets.startShadow(rulesets.candidate(files, version), principal);
        shadow.set(candidate);
        skipped.set(0);
        return summary().orElseThrow();
    }

    /** Stops shadow evaluation; its results stay stored. */
    public Optional<String> drop(Principal principal) {
        shadow.set(null);
        return rulesets.stopShadow(principal, "dropped");
    }

    /** Activates the shadow version (it must pass validation and its scenarios) and stops shadow evaluation. */
    public RulesetService.Activation promote(Principal principal) {
        RulesetService.Activation activation = rulesets.promoteShadow(principal);
        shadow.set(null);
        return activation;
    }

    /** Loads or clears the shadow ruleset to match the database's shadow slot; true when it changed. */
    boolean sync() {
        Optional<String> recorded = rulesets.shadowVersion();
        Ruleset current = shadow.get();
        if (recorded.isEmpty()) {
            return current != null && shadow.getAndSet(null) != null;
        }
        if (current != null && current.version().equals(recorded.get())) {
            return false;
        }
        shadow.set(rulesets.build(rulesets.candidate(null, recorded.get())));
        return true;
    }

    /** Queues a freshly committed decision for shadow evaluation; never throws into the live request. */
    void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) DecisionChanged event) {
        Ruleset candidate = shadow.get();
        if (candidate == null || !"decided".equals(event.change())) {
            return;
        }
        try {
            executor.execute(() -> evaluate(candidate, event.decisionId()));
        } catch (RejectedExecutionException e) {
            skipped.incrementAndGet();
            outcomes.withTag("outcome", "skipped").increment();
        }
    }

    private void evaluate(Ruleset candidate, UUID decisionId) {
        try {
            DecisionHistory.Recorded recorded = history.find(decisionId).orElse(null);
            if (recorded == null) {
                return;
            }
            ShadowResult result = new ShadowResult();
            result.id = Ids.next();
            result.decisionId = decisionId;
            result.liveVersion = recorded.rulesetVersion();
            result.shadowVersion = candidate.version();
            result.evaluatedAt = clock.instant();
            result.livePriority = recorded.priority();
            result.liveScore = recorded.score();
            result.liveActionsJson = write(recorded.actions());
            try {
                Assessment assessment = candidate.assess(recorded.input());
                List<String> actions = recorded.suppressed() ? List.of()
                        : assessment.actions().stream().map(a -> a.type() + " " + a.target()).toList();
                result.shadowPriority = assessment.priority();
                result.shadowScore = assessment.score();
                result.shadowActionsJson = write(actions);
                result.samePriority = assessment.priority().equals(recorded.priority());
                result.sameActions = new java.util.HashSet<>(actions).equals(new java.util.HashSet<>(recorded.actions()));
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                result.error = message.length() > 1000 ? message.substring(0, 1000) : message;
            }
            QuarkusTransaction.requiringNew().run(() -> results.persist(result));
            outcomes.withTag("outcome", result.error != null ? "error"
                    : result.samePriority && result.sameActions ? "agreed" : "disagreed").increment();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Shadow evaluation of decision %s failed", decisionId);
        }
    }

    /** Waits until every decision queued so far has been evaluated (tests; an operator never needs it). */
    public void drain() {
        try {
            executor.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Shadow queue did not drain", e);
        }
    }

    /** The agreement figures of the current shadow version; empty when there is none. */
    public Optional<Summary> summary() {
        Optional<String> version = rulesets.shadowVersion();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(QuarkusTransaction.requiringNew().call(() -> {
            ShadowRepository.Counts counts = results.counts(version.get());
            List<Disagreement> recent = results.recentDisagreements(version.get(), 20).stream()
                    .map(r -> new Disagreement(r.decisionId, r.liveVersion, r.livePriority, r.shadowPriority, r.liveScore,
                            r.shadowScore, r.liveActionsJson, r.shadowActionsJson, r.error))
                    .toList();
            double agreement = counts.evaluated() == 0 ? 1.0 : (double) counts.agreed() / counts.evaluated();
            return new Summary(version.get(), counts.evaluated(), counts.samePriority(), counts.sameActions(),
                    counts.agreed(), counts.errors(), skipped.get(), agreement, recent);
        }));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
