package dev.arbiter.ruleset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.arbiter.engine.Ruleset;

/** Ready once a ruleset is active; reports its version. */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {

    private final ActiveRuleset active;

    RulesetHealthCheck(ActiveRuleset active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        Ruleset ruleset = active.get();
        return HealthCheckResponse.named("ruleset")
                .status(ruleset != null)
                .withData("version", ruleset != null ? ruleset.version() : "none")
                .withData("rules", ruleset != null ? ruleset.ruleNames().size() : 0)
                .build();
    }
}
