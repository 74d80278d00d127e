package dev.arbiter.engine;

import java.util.List;

/**
 * The outcome of one scenario test.
 *
 * @param file     the scenario file, e.g. {@code rules/tests/asset.yaml}
 * @param line     the line where the scenario starts, 0 when unknown
 * @param name     the scenario's name
 * @param failures what the ruleset concluded differently from the expectation, in words; empty when it passed
 */
public record ScenarioResult(String file, int line, String name, List<String> failures) {

    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The failures as ruleset problems, located at the scenario. */
    public List<RulesetProblem> problems() {
        return failures.stream().map(f -> new RulesetProblem(file, line, "scenario '" + name + "': " + f)).toList();
    }
}
