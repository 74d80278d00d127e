package dev.arbiter.ruleset;

import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import io.quarkus.runtime.StartupEvent;

/**
 * Activates saved changes of the rule and table folders (and their scenarios) once they validate and their scenarios
 * pass; a change that does not is refused and audited like any other, and the active ruleset stays. Switched by
 * {@code arbiter.rulesets.watch}; off in tests, which call {@link #changed()}.
 */
@ApplicationScoped
public class RulesetWatcher {

    private static final Logger LOG = Logger.getLogger(RulesetWatcher.class);

    private final RulesetService service;
    private final RulesetConfig config;
    private FolderWatcher watcher;

    RulesetWatcher(RulesetService service, RulesetConfig config) {
        this.service = service;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.watch()) {
            Path rules = Path.of(config.rulesDir());
            watcher = new FolderWatcher(List.of(rules, rules.resolve("tests"), Path.of(config.dmnDir())), config.watchQuiet(),
                    this::changed).start();
            LOG.infof("Watching %s and %s for ruleset changes", rules.toAbsolutePath().normalize(), Path.of(config.dmnDir()).toAbsolutePath().normalize());
        }
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** The folders changed: activate what they hold now if it passes. */
    public void changed() {
        try {
            RulesetService.Activation activation = service.activateFromDisk(Principal.SYSTEM, "watcher");
            if (activation.changed()) {
                LOG.infof("Ruleset %s from disk activated (was %s)", activation.version().version(), activation.previous());
            }
        } catch (ProblemException e) {
            LOG.warnf("Changed rule folders refused, the active ruleset stays: %s %s", e.getMessage(), e.problem().errors());
        }
    }
}
