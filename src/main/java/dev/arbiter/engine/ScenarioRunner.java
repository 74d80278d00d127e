package dev.arbiter.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Runs the scenario tests of {@code rules/tests/*.yaml} against a ruleset and says, per scenario, what differs from
 * its expectation. Plain Java: the build's JUnit test, validation, activation and the offline checker all use it.
 */
public final class ScenarioRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private ScenarioRunner() {
    }

    /** One scenario as read from its file, with the line it starts on. */
    public record Loaded(String file, int line, Scenario scenario) {
    }

    /**
     * Reads every scenario of the files.
     *
     * @throws RulesetException naming file, line and message for a file that is not valid scenario YAML
     */
    public static List<Loaded> load(SortedMap<String, String> files) {
        List<Loaded> loaded = new ArrayList<>();
        List<RulesetProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            try {
                Scenario.File parsed = YAML.readValue(file.getValue(), Scenario.File.class);
                List<Integer> lines = scenarioLines(file.getValue());
                List<Scenario> scenarios = parsed != null && parsed.scenarios() != null ? parsed.scenarios() : List.of();
                if (scenarios.isEmpty()) {
                    problems.add(new RulesetProblem(file.getKey(), 0, "no scenarios: expected a top-level 'scenarios:' list"));
                }
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario scenario = scenarios.get(i);
                    int line = i < lines.size() ? lines.get(i) : 0;
                    if (scenario.name() == null || scenario.name().isBlank()) {
                        problems.add(new RulesetProblem(file.getKey(), line, "scenario " + (i + 1) + " has no name"));
                    } else if (scenario.expect() == null) {
                        problems.add(new RulesetProblem(file.getKey(), line, "scenario '" + scenario.name() + "' has no 'expect:'"));
                    } else {
                        loaded.add(new Loaded(file.getKey(), line, scenario));
                    }
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(new RulesetProblem(file.getKey(), at != null ? Math.max(at.getLineNr(), 0) : 0, e.getOriginalMessage()));
            } catch (IOException e) {
                problems.add(new RulesetProblem(file.getKey(), 0, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return loaded;
    }

    /** The line each item of the top-level {@code scenarios} list starts on. */
    private static List<Integer> scenarioLines(String yaml) throws IOException {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            int depth = 0;
            boolean inScenarios = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && depth == 1 && "scenarios".equals(parser.currentName())) {
                    inScenarios = true;
                }
                if (token.isStructStart()) {
                    if (inScenarios && depth == 2 && token == JsonToken.START_OBJECT) {
                        lines.add(parser.currentTokenLocation().getLineNr());
                    }
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                    if (depth == 1) {
                        inScenarios = false;
                    }
                }
            }
        }
        return lines;
    }

    /** Runs the scenarios against the ruleset. */
    public static List<ScenarioResult> run(Ruleset ruleset, List<Loaded> scenarios) {
        return scenarios.stream().map(s -> run(ruleset, s)).toList();
    }

    /** Reads and runs the scenario files against the ruleset. */
    public static List<ScenarioResult> run(Ruleset ruleset, SortedMap<String, String> files) {
        return run(ruleset, load(files));
    }

    /** Runs one scenario. An assessment that fails is a failure of the scenario, with the engine's message. */
    public static ScenarioResult run(Ruleset ruleset, Loaded loaded) {
        Scenario scenario = loaded.scenario();
        List<String> failures = new ArrayList<>();
        Assessment assessment;
        try {
            assessment = ruleset.assess(scenario.input(loaded.file()));
        } catch (RuntimeException e) {
            failures.add("assessment failed: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return new ScenarioResult(loaded.file(), loaded.line(), scenario.name(), failures);
        }
        Scenario.Expect expect = scenario.expect();
        if (expect.priority() != null && !expect.priority().equals(assessment.priority())) {
            failures.add("expected priority " + expect.priority() + ", got " + assessment.priority()
                    + " (score " + assessment.score() + ", level " + assessment.level() + ")");
        }
        if (expect.score() != null && !expect.score().contains(assessment.score())) {
            failures.add("expected score " + expect.score() + ", got " + assessment.score() + " from " + factors(assessment));
        }
        if (expect.level() != null && !expect.level().equals(assessment.level())) {
            failures.add("expected risk level " + expect.level() + ", got " + assessment.level() + " (score " + assessment.score() + ")");
        }
        if (expect.slaMinutes() != null && expect.slaMinutes() != assessment.slaMinutes()) {
            failures.add("expected SLA " + expect.slaMinutes() + " minutes, got " + assessment.slaMinutes());
        }
        if (expect.actions() != null) {
            checkActions(expect.actions(), assessment.actions(), failures);
        }
        for (String rule : expect.fired() != null ? expect.fired() : List.<String>of()) {
            if (!assessment.firedRules().contains(rule)) {
                failures.add("expected rule '" + rule + "' to fire; fired: " + assessment.firedRules());
            }
        }
        for (String rule : expect.notFired() != null ? expect.notFired() : List.<String>of()) {
            if (assessment.firedRules().contains(rule)) {
                failures.add("expected rule '" + rule + "' not to fire, but it did");
            }
        }
        for (Scenario.SsvcExpect ssvc : expect.ssvc() != null ? expect.ssvc() : List.<Scenario.SsvcExpect>of()) {
            SsvcDecision decision = assessment.ssvc().stream().filter(d -> d.cve().equalsIgnoreCase(ssvc.cve())).findFirst().orElse(null);
            if (decision == null) {
                failures.add("expected an SSVC decision for " + ssvc.cve() + ", got none");
                continue;
            }
            if (ssvc.patchPriority() != null && !ssvc.patchPriority().equals(decision.patchPriority())) {
                failures.add("expected SSVC patch priority " + ssvc.patchPriority() + " for " + ssvc.cve() + ", got " + decision.patchPriority());
            }
            if (ssvc.cisaLevel() != null && !ssvc.cisaLevel().equals(decision.cisaLevel())) {
                failures.add("expected CISA level " + ssvc.cisaLevel() + " for " + ssvc.cve() + ", got " + decision.cisaLevel());
            }
        }
        return new ScenarioResult(loaded.file(), loaded.line(), scenario.name(), failures);
    }

    private static void checkActions(List<String> expected, List<ProposedAction> actual, List<String> failures) {
        List<String> missing = new ArrayList<>();
        for (String entry : expected) {
            if (actual.stream().noneMatch(a -> matches(entry, a))) {
                missing.add(entry);
            }
        }
        List<String> unexpected = actual.stream()
                .filter(a -> expected.stream().noneMatch(entry -> matches(entry, a)))
                .map(a -> a.type() + " " + a.target())
                .toList();
        if (!missing.isEmpty()) {
            failures.add("expected actions " + missing + " not proposed; proposed: " + describe(actual));
        }
        if (!unexpected.isEmpty()) {
            failures.add("unexpected actions " + unexpected);
        }
    }

    private static boolean matches(String entry, ProposedAction action) {
        String[] parts = entry.trim().split("\\s+", 2);
        return parts[0].equals(action.type()) && (parts.length == 1 || Objects.equals(parts[1], action.target()));
    }

    private static List<String> describe(List<ProposedAction> actions) {
        return actions.stream().map(a -> a.type() + " " + a.target()).sorted(Comparator.naturalOrder()).toList();
    }

    private static String factors(Assessment assessment) {
        return assessment.factors().stream().map(f -> f.getRule() + " " + (f.getPoints() >= 0 ? "+" : "") + f.getPoints()).toList().toString();
    }
}
