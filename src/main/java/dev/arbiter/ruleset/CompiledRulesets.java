package dev.arbiter.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.engine.Ruleset;

/** The last few compiled versions, so a rollback, a promotion or a replica's sync does not compile again. */
@ApplicationScoped
class CompiledRulesets {

    private final RulesetConfig config;
    private final Map<String, Ruleset> byVersion;

    CompiledRulesets(RulesetConfig config) {
        this.config = config;
        int size = Math.max(1, config.cacheSize());
        this.byVersion = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
                return size() > size;
            }
        };
    }

    synchronized Optional<Ruleset> get(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    synchronized void put(Ruleset ruleset) {
        byVersion.put(ruleset.version(), ruleset);
    }

    RulesetConfig config() {
        return config;
    }
}
