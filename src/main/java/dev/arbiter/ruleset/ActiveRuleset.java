package dev.arbiter.ruleset;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.arbiter.engine.Ruleset;
import io.quarkus.runtime.Startup;

/**
 * Holds the ruleset every request uses. Built once at start-up from the configured folders; a ruleset that does
 * not build stops start-up with each file, line and compiler message.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {

    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    ActiveRuleset(RulesetConfig config) {
        Path rules = Path.of(config.rulesDir());
        Path dmn = Path.of(config.dmnDir());
        long started = System.nanoTime();
        Ruleset ruleset = Ruleset.load(rules, dmn);
        current.set(ruleset);
        LOG.infof("Ruleset %s loaded from %s and %s: %d rules, %d DMN models in %d ms", ruleset.version(),
                rules.toAbsolutePath().normalize(), dmn.toAbsolutePath().normalize(), ruleset.ruleNames().size(),
                ruleset.dmnModels().size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The ruleset to decide with now. */
    public Ruleset get() {
        return current.get();
    }
}
