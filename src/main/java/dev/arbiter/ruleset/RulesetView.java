package dev.arbiter.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import dev.arbiter.engine.RulesetProblem;
import dev.arbiter.engine.ScenarioResult;
import dev.arbiter.engine.ValidationReport;

/** The ruleset API's response bodies. */
public final class RulesetView {

    private RulesetView() {
    }

    /** A stored version without its files. */
    public record Summary(String version, String status, String author, Instant createdAt, Instant statusAt,
                          String statusBy, int scenarios, int scenariosPassed) {
    }

    /** A stored version with its files (scenarios included) and what its last validation found. */
    public record Detail(String version, String status, String author, Instant createdAt, Instant statusAt,
                         String statusBy, int scenarios, int scenariosPassed, SortedMap<String, String> files,
                         List<Map<String, Object>> problems) {
    }

    /** One problem: error or warning, the file, the line (0 when none), the message. */
    public record Found(String file, int line, String message) {
        static Found of(RulesetProblem problem) {
            return new Found(problem.file(), problem.line(), problem.message());
        }
    }

    /** One scenario's outcome. */
    public record ScenarioOutcome(String file, int line, String name, boolean passed, List<String> failures) {
        static ScenarioOutcome of(ScenarioResult result) {
            return new ScenarioOutcome(result.file(), result.line(), result.name(), result.passed(), result.failures());
        }
    }

    /** What validation found; {@code valid} is whether the bundle could be activated. */
    public record Report(String version, boolean valid, List<Found> errors, List<Found> warnings,
                         List<ScenarioOutcome> scenarios) {
    }

    /** The answer to an activation or rollback. */
    public record Activated(String version, String previous, boolean changed, Detail detail) {
    }

    static Summary summary(RulesetVersion row) {
        return new Summary(row.version, row.status, row.authorName, row.createdAt, row.statusAt, row.statusByName,
                row.scenariosTotal, row.scenariosPassed);
    }

    static Detail detail(RulesetVersion row, SortedMap<String, String> files, List<Map<String, Object>> problems) {
        return new Detail(row.version, row.status, row.authorName, row.createdAt, row.statusAt, row.statusByName,
                row.scenariosTotal, row.scenariosPassed, files, problems);
    }

    static Report report(ValidationReport report) {
        return new Report(report.version(), report.passed(), report.errors().stream().map(Found::of).toList(),
                report.warnings().stream().map(Found::of).toList(),
                report.scenarios().stream().map(ScenarioOutcome::of).toList());
    }
}
