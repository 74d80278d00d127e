package dev.arbiter.ruleset;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.arbiter.engine.Ruleset;
import dev.arbiter.engine.RulesetBundle;
import io.quarkus.runtime.Startup;

/**
 * Holds the ruleset every request uses. Built at start-up from the configured folders (a ruleset that does not build
 * stops start-up with each file, line and compiler message); {@link RulesetService} swaps it atomically on
 * activation, rollback and when another replica activated a version. A request that already took a ruleset finishes
 * on it: the swap only changes what the next {@link #get()} returns.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {

    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    private final AtomicReference<Ruleset> current = new AtomicReference<>();
    private final RulesetBundle startupBundle;

    ActiveRuleset(RulesetConfig config) {
        Path rules = Path.of(config.rulesDir());
        Path dmn = Path.of(config.dmnDir());
        long started = System.nanoTime();
        startupBundle = RulesetBundle.read(rules, dmn);
        Ruleset ruleset = Ruleset.build(startupBundle.source());
        current.set(ruleset);
        LOG.infof("Ruleset %s loaded from %s and %s: %d rules, %d DMN models in %d ms", ruleset.version(),
                rules.toAbsolutePath().normalize(), dmn.toAbsolutePath().normalize(), ruleset.ruleNames().size(),
                ruleset.dmnModels().size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The ruleset to decide with now. */
    public Ruleset get() {
        return current.get();
    }

    /** The files read from disk at start-up, scenarios included. */
    RulesetBundle startupBundle() {
        return startupBundle;
    }

    /** Makes the ruleset the one to decide with; returns the one it replaced. */
    Ruleset swap(Ruleset next) {
        Ruleset previous = current.getAndSet(next);
        if (!previous.version().equals(next.version())) {
            LOG.infof("Ruleset %s now active (was %s)", next.version(), previous.version());
        }
        return previous;
    }
}
