package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every scenario of {@code rules/tests/*.yaml} against the shipped rules and tables, one test per scenario. */
class ShippedScenariosTest {

    private static final RulesetBundle SHIPPED = RulesetBundle.read(Path.of("rules"), Path.of("dmn"));

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioPasses() {
        Ruleset ruleset = Ruleset.build(SHIPPED.source());
        return ScenarioRunner.load(SHIPPED.scenarios()).stream()
                .map(loaded -> DynamicTest.dynamicTest(loaded.file() + ": " + loaded.scenario().name(), () -> {
                    ScenarioResult result = ScenarioRunner.run(ruleset, loaded);
                    assertThat(result.failures()).as(loaded.file() + ":" + loaded.line()).isEmpty();
                }));
    }

    @Test
    void everyRuleFileHasScenarios() {
        List<String> tested = SHIPPED.scenarios().keySet().stream()
                .map(f -> f.substring(RulesetBundle.TESTS_PREFIX.length()).replaceAll("\\.ya?ml$", "")).toList();
        List<String> ruleFiles = SHIPPED.source().files().keySet().stream().filter(f -> f.endsWith(".drl"))
                .map(f -> f.substring("rules/".length(), f.length() - ".drl".length())).toList();
        assertThat(tested).containsAll(ruleFiles);
    }

    @Test
    void everyRuleFiresInSomeScenario() {
        Ruleset ruleset = Ruleset.build(SHIPPED.source());
        List<String> fired = ScenarioRunner.load(SHIPPED.scenarios()).stream()
                .flatMap(s -> ruleset.assess(s.scenario().input(s.file())).firedRules().stream()).distinct().toList();
        assertThat(fired).containsAll(ruleset.ruleNames());
    }
}
