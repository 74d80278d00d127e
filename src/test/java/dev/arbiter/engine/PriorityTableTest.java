package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each row of the {@code arbiter-priority} tables, evaluated directly, and proof that both tables cover every input. */
class PriorityTableTest {

    private static final String MODEL = Assessor.PRIORITY_MODEL;
    private static final List<String> LEVELS = List.of("low", "medium", "high", "critical");
    /** Least to most critical, as {@link Assessor#assetCriticality} ranks them. */
    private static final List<String> CRITICALITIES = List.of("none", "low", "medium", "unknown", "high", "crown-jewel");
    private static final List<String> PRIORITIES = List.of("P4", "P3", "P2", "P1");

    private static ShippedTables tables;

    @BeforeAll
    static void loadTables() {
        tables = ShippedTables.load();
    }

    @ParameterizedTest(name = "score {0} is {1} by row {2}")
    @CsvSource(textBlock = """
            0,   low,      level-low
            24,  low,      level-low
            25,  medium,   level-medium
            49,  medium,   level-medium
            50,  high,     level-high
            74,  high,     level-high
            75,  critical, level-critical
            100, critical, level-critical
            """)
    void mapsScoreToRiskLevel(int score, String level, String row) {
        ShippedTables.Evaluation evaluation = riskLevel(score);

        assertThat(evaluation.output("Risk Level")).isEqualTo(level);
        assertThat(evaluation.rows("Risk Level")).containsExactly(row);
    }

    @ParameterizedTest(name = "{0} risk on {1} asset is {2} in {3} minutes by row {4}")
    @CsvSource(textBlock = """
            critical, crown-jewel, P1, 15,   priority-critical-important
            critical, medium,      P2, 60,   priority-critical-other
            high,     crown-jewel, P1, 30,   priority-high-crown-jewel
            high,     unknown,     P2, 60,   priority-high-important
            high,     low,         P3, 240,  priority-high-other
            medium,   high,        P2, 120,  priority-medium-important
            medium,   unknown,     P3, 480,  priority-medium-unknown
            medium,   none,        P4, 1440, priority-medium-other
            low,      crown-jewel, P3, 480,  priority-low-crown-jewel
            low,      high,        P4, 1440, priority-low-other
            """)
    void mapsRiskLevelAndCriticalityToPriority(String level, String criticality, String priority, int slaMinutes, String row) {
        ShippedTables.Evaluation evaluation = priority(level, criticality);

        assertThat(evaluation.output("Priority")).isEqualTo(
                Map.of("priority", priority, "slaMinutes", BigDecimal.valueOf(slaMinutes)));
        assertThat(evaluation.rows("Priority")).containsExactly(row);
    }

    @Test
    void givesEveryScoreFromZeroToHundredExactlyOneLevelNeverFallingAsTheScoreRises() {
        int previousRank = 0;
        for (int score = 0; score <= 100; score++) {
            ShippedTables.Evaluation evaluation = riskLevel(score);

            assertThat(evaluation.rows("Risk Level")).as("rows matching score %d", score).hasSize(1);
            int rank = LEVELS.indexOf((String) evaluation.output("Risk Level"));
            assertThat(rank).as("level of score %d", score).isGreaterThanOrEqualTo(previousRank);
            previousRank = rank;
        }
    }

    @Test
    void givesEveryRiskLevelAndCriticalityExactlyOnePriority() {
        List<String> uncovered = new ArrayList<>();
        for (String level : LEVELS) {
            for (String criticality : CRITICALITIES) {
                ShippedTables.Evaluation evaluation = priority(level, criticality);
                if (evaluation.rows("Priority").size() != 1 || evaluation.output("Priority") == null) {
                    uncovered.add(level + "/" + criticality + " matched " + evaluation.rows("Priority"));
                }
            }
        }
        assertThat(uncovered).isEmpty();
    }

    @Test
    void neverLowersPriorityOrLengthensSlaForHigherRiskOrMoreCriticalAssets() {
        for (int level = 0; level < LEVELS.size(); level++) {
            for (int criticality = 0; criticality < CRITICALITIES.size(); criticality++) {
                Map<?, ?> here = priorityOf(LEVELS.get(level), CRITICALITIES.get(criticality));
                if (level + 1 < LEVELS.size()) {
                    assertNotWorse(here, LEVELS.get(level + 1), CRITICALITIES.get(criticality));
                }
                if (criticality + 1 < CRITICALITIES.size()) {
                    assertNotWorse(here, LEVELS.get(level), CRITICALITIES.get(criticality + 1));
                }
            }
        }
    }

    /** The engine feeds the table the most critical host's criticality; anything it does not know ranks as unknown. */
    @ParameterizedTest(name = "hosts {0} give {1}")
    @CsvSource(textBlock = """
            '',                      none
            low,                     low
            low medium,              medium
            medium unknown,          unknown
            medium secret-sauce,     unknown
            medium <null>,           unknown
            unknown high low,        high
            crown-jewel high,        crown-jewel
            low crown-jewel unknown, crown-jewel
            """)
    void feedsTheTableTheMostCriticalHost(String criticalities, String expected) {
        List<HostFact> hosts = criticalities.isEmpty() ? List.of() : Arrays.stream(criticalities.split(" "))
                .map(c -> new HostFact("host", null, c.equals("<null>") ? null : c, "production", "small", true))
                .toList();

        assertThat(Assessor.assetCriticality(hosts)).isEqualTo(expected);
        assertThat(CRITICALITIES).contains(expected);
    }

    private static void assertNotWorse(Map<?, ?> lower, String level, String criticality) {
        Map<?, ?> higher = priorityOf(level, criticality);
        assertThat(PRIORITIES.indexOf((String) higher.get("priority"))).as("priority of %s risk on %s", level, criticality)
                .isGreaterThanOrEqualTo(PRIORITIES.indexOf((String) lower.get("priority")));
        assertThat((BigDecimal) higher.get("slaMinutes")).as("SLA of %s risk on %s", level, criticality)
                .isLessThanOrEqualTo((BigDecimal) lower.get("slaMinutes"));
    }

    private static Map<?, ?> priorityOf(String level, String criticality) {
        Object priority = priority(level, criticality).output("Priority");
        assertThat(priority).as("priority of %s risk on %s", level, criticality).isInstanceOf(Map.class);
        return (Map<?, ?>) priority;
    }

    private static ShippedTables.Evaluation riskLevel(int score) {
        return tables.evaluate(MODEL, "Risk Level", Map.of("Risk Score", BigDecimal.valueOf(score)));
    }

    /** Evaluates the priority table for a level, fed by a score inside that level's band. */
    private static ShippedTables.Evaluation priority(String level, String criticality) {
        int score = Map.of("low", 10, "medium", 30, "high", 60, "critical", 90).get(level);
        ShippedTables.Evaluation evaluation = tables.evaluate(MODEL, "Priority",
                Map.of("Risk Score", BigDecimal.valueOf(score), "Asset Criticality", criticality));
        assertThat(evaluation.output("Risk Level")).as("level of score %d", score).isEqualTo(level);
        return evaluation;
    }
}
