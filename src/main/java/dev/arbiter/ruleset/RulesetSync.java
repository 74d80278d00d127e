package dev.arbiter.ruleset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Makes this replica converge on the versions recorded in the database: another replica may have activated, rolled
 * back or changed the shadow. Runs every {@code arbiter.rulesets.sync-interval}; tests call {@link #check()}.
 */
@ApplicationScoped
public class RulesetSync {

    private static final Logger LOG = Logger.getLogger(RulesetSync.class);

    private final RulesetService service;
    private final ShadowService shadow;

    RulesetSync(RulesetService service, ShadowService shadow) {
        this.service = service;
        this.shadow = shadow;
    }

    @Scheduled(every = "${arbiter.rulesets.sync-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Ruleset sync failed; will try again");
        }
    }

    /** Loads the recorded live and shadow versions where this replica differs; true when anything changed. */
    public boolean check() {
        boolean live = service.syncLive();
        boolean shadowChanged = shadow.sync();
        return live || shadowChanged;
    }
}
