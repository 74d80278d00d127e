package dev.arbiter.engine;

import java.util.List;

/**
 * What validating a bundle found.
 *
 * @param version   the version digest of the bundle's rules and tables
 * @param errors    what stops the bundle from being activated: compile errors, table gaps where an answer is
 *                  required, scenario failures
 * @param warnings  what a rule author should look at but may accept: table overlaps and gaps that are allowed
 * @param scenarios every scenario's outcome (empty when the ruleset did not build)
 * @param ruleset   the built ruleset, or null when it did not build
 */
public record ValidationReport(String version, List<RulesetProblem> errors, List<RulesetProblem> warnings,
                               List<ScenarioResult> scenarios, Ruleset ruleset) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        scenarios = List.copyOf(scenarios);
    }

    /** Whether the bundle may be activated: it built, nothing is an error, every scenario passed. */
    public boolean passed() {
        return ruleset != null && errors.isEmpty();
    }

    public long scenariosPassed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }
}
