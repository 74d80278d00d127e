package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Validation refuses each kind of broken bundle with the file, the line or element, and a message that says why. */
class RulesetValidatorTest {

    private static final RulesetBundle SHIPPED = RulesetBundle.read(Path.of("rules"), Path.of("dmn"));

    private static ValidationReport validateWith(String file, String from, String to) {
        Map<String, String> files = new TreeMap<>(SHIPPED.allFiles());
        assertThat(files.get(file)).as(file).contains(from);
        files.put(file, files.get(file).replace(from, to));
        return RulesetValidator.validate(RulesetBundle.of(files));
    }

    @Test
    void acceptsTheShippedRulesetWithItsScenarios() {
        ValidationReport report = RulesetValidator.validate(SHIPPED);

        assertThat(report.errors()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.version()).isEqualTo(RulesetSource.read(Path.of("rules"), Path.of("dmn")).version());
        assertThat(report.scenarios()).hasSizeGreaterThan(20).allMatch(ScenarioResult::passed);
        // the approval policy is a FIRST table whose rows overlap by design: reported, not refused
        assertThat(report.warnings()).anyMatch(w -> w.file().equals("dmn/approval-policy.dmn"));
    }

    @Test
    void refusesADrlSyntaxErrorWithFileAndLine() {
        ValidationReport report = validateWith("rules/asset.drl", "then\n    insert(new RiskFactor(drools.getRule().getName(), 25,",
                "then\n    insert(new RiskFactor(drools.getRule().getName(), 25,,");

        assertThat(report.passed()).isFalse();
        assertThat(report.ruleset()).isNull();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/asset.drl");
            assertThat(e.line()).isPositive();
        });
    }

    @Test
    void refusesAnUnknownFactTypeWithFileLineAndTheTypeName() {
        ValidationReport report = validateWith("rules/asset.drl", "HostFact(criticality == \"crown-jewel\"", "HostFakt(criticality == \"crown-jewel\"");

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/asset.drl");
            assertThat(e.line()).isPositive();
            assertThat(e.message()).contains("HostFakt");
        });
    }

    @Test
    void refusesBadFeelNamingTheTableElement() {
        ValidationReport report = validateWith("dmn/priority.dmn", "<dmn:text>[50..75)</dmn:text>", "<dmn:text>[50..75) and (</dmn:text>");

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("dmn/priority.dmn");
            assertThat(e.message()).contains("level-high");
        });
    }

    @Test
    void refusesATableWithoutAnInputTheEngineNeeds() {
        ValidationReport report = validateWith("dmn/priority.dmn", "name=\"SSVC Patch Priority\">", "name=\"SSVC Patch Prio\">");

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("dmn/priority.dmn");
            assertThat(e.message()).contains("SSVC Patch Prio");
        });
    }

    @Test
    void refusesAGapInAUniqueTableNamingTheTableAndTheUncoveredValues() {
        ValidationReport report = validateWith("dmn/priority.dmn", "<dmn:text>[25..50)</dmn:text>", "<dmn:text>[30..50)</dmn:text>");

        assertThat(report.passed()).isFalse();
        assertThat(report.ruleset()).as("the tables compile; the gap alone refuses them").isNotNull();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("dmn/priority.dmn");
            assertThat(e.line()).isPositive();
            assertThat(e.message()).contains("Gap detected", "25 .. 30", "table-risk-level", "UNIQUE");
        });
    }

    @Test
    void preparingAnalysesTheTablesAheadAndTheValidationReportsWhatThatAnalysisFound() {
        // a table of its own (a comment makes it new to the cache), with the gap of the test above
        Map<String, String> files = new TreeMap<>(SHIPPED.allFiles());
        files.put("dmn/priority.dmn", files.get("dmn/priority.dmn").replace("<dmn:text>[25..50)</dmn:text>",
                "<dmn:text>[30..50)</dmn:text>") + "<!-- " + UUID.randomUUID() + " -->\n");
        RulesetBundle bundle = RulesetBundle.of(files);
        assertThat(RulesetValidator.analysed(bundle.source())).isFalse();

        RulesetValidator.prepare(bundle.source());

        assertThat(RulesetValidator.analysed(bundle.source())).isTrue();
        ValidationReport report = RulesetValidator.validate(bundle);
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("dmn/priority.dmn");
            assertThat(e.message()).contains("Gap detected", "25 .. 30", "table-risk-level");
        });
    }

    @Test
    void refusesAFailingScenarioNamingFileLineScenarioAndTheDifference() {
        ValidationReport report = validateWith("rules/asset.drl", "criticality == \"crown-jewel\", $host : label)\nthen\n    insert(new RiskFactor(drools.getRule().getName(), 25,",
                "criticality == \"crown-jewel\", $host : label)\nthen\n    insert(new RiskFactor(drools.getRule().getName(), 5,");

        assertThat(report.passed()).isFalse();
        assertThat(report.ruleset()).isNotNull();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/tests/asset.yaml");
            assertThat(e.line()).isPositive();
            assertThat(e.message()).contains("Malware on a crown-jewel production database is P1", "expected score 65, got 45");
        });
    }

    @Test
    void refusesAScenarioFileWithAnUnknownKeyAtItsLine() {
        Map<String, String> files = new TreeMap<>(SHIPPED.allFiles());
        files.put("rules/tests/typo.yaml", """
                scenarios:
                  - name: typo
                    alert: { category: other, severity: low }
                    expect:
                      priorty: P4
                """);

        ValidationReport report = RulesetValidator.validate(RulesetBundle.of(files));

        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("rules/tests/typo.yaml");
            assertThat(e.line()).as("the parser's position, at or just after the unknown key").isBetween(5, 6);
            assertThat(e.message()).contains("priorty");
        });
    }

    @Test
    void refusesFilesThatAreNotPartOfARuleset() {
        assertThatThrownBy(() -> RulesetBundle.of(Map.of("rule/asset.drl", "")))
                .isInstanceOfSatisfying(RulesetException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.file()).isEqualTo("rule/asset.drl")));
    }

    @Test
    void scenariosAreNotPartOfTheVersion() {
        Map<String, String> files = new TreeMap<>(SHIPPED.allFiles());
        files.remove("rules/tests/asset.yaml");

        assertThat(RulesetBundle.of(files).version()).isEqualTo(SHIPPED.version());
    }
}
