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
    /** No SSVC decision, then the Deployer outcomes, least to most urgent. */
    private static final List<String> PATCH_PRIORITIES = List.of("none", "defer", "scheduled", "out-of-cycle", "immediate");

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

    @ParameterizedTest(name = "{0} risk on {1} asset with SSVC {2} is {3} in {4} minutes by row {5}")
    @CsvSource(textBlock = """
            high,     crown-jewel, immediate,    P1, 30,   priority-ssvc-immediate-important
            medium,   high,        immediate,    P1, 30,   priority-ssvc-immediate-important
            low,      unknown,     immediate,    P1, 30,   priority-ssvc-immediate-important
            high,     medium,      immediate,    P2, 60,   priority-ssvc-immediate-other
            low,      none,        immediate,    P2, 60,   priority-ssvc-immediate-other
            low,      crown-jewel, out-of-cycle, P2, 120,  priority-ssvc-out-of-cycle-important
            low,      high,        out-of-cycle, P2, 120,  priority-ssvc-out-of-cycle-important
            medium,   low,         out-of-cycle, P3, 480,  priority-ssvc-out-of-cycle-medium-risk
            medium,   none,        out-of-cycle, P3, 480,  priority-ssvc-out-of-cycle-medium-risk
            low,      unknown,     out-of-cycle, P3, 480,  priority-ssvc-out-of-cycle-low-risk
            low,      none,        out-of-cycle, P3, 480,  priority-ssvc-out-of-cycle-low-risk
            critical, low,         immediate,    P2, 60,   priority-critical-other
            critical, high,        out-of-cycle, P1, 15,   priority-critical-important
            high,     high,        out-of-cycle, P2, 60,   priority-high-important
            medium,   unknown,     out-of-cycle, P3, 480,  priority-medium-unknown
            medium,   crown-jewel, out-of-cycle, P2, 120,  priority-medium-important
            low,      medium,      scheduled,    P4, 1440, priority-low-other
            low,      crown-jewel, defer,        P3, 480,  priority-low-crown-jewel
            medium,   low,         scheduled,    P4, 1440, priority-medium-other
            """)
    void raisesPriorityToTheSsvcFloorAndNoFurther(String level, String criticality, String patchPriority, String priority,
                                                  int slaMinutes, String row) {
        ShippedTables.Evaluation evaluation = priority(level, criticality, patchPriority);

        assertThat(evaluation.output("Priority")).isEqualTo(
                Map.of("priority", priority, "slaMinutes", BigDecimal.valueOf(slaMinutes)));
        assertThat(evaluation.rows("Priority")).containsExactly(row);
    }

    /** Immediate: at least P1 on crown-jewel, high and unknown assets, P2 elsewhere; out-of-cycle: P2 and P3. */
    @Test
    void keepsEverySsvcFloorAndLeavesOtherOutcomesAlone() {
        List<String> important = List.of("crown-jewel", "high");
        for (String level : LEVELS) {
            for (String criticality : CRITICALITIES) {
                Map<?, ?> base = priorityOf(level, criticality, "none");
                String immediateFloor = important.contains(criticality) || criticality.equals("unknown") ? "P1" : "P2";
                String outOfCycleFloor = important.contains(criticality) ? "P2" : "P3";
                assertThat(rank(priorityOf(level, criticality, "immediate"))).as("%s/%s immediate", level, criticality)
                        .isEqualTo(Math.max(rank(base), PRIORITIES.indexOf(immediateFloor)));
                assertThat(rank(priorityOf(level, criticality, "out-of-cycle"))).as("%s/%s out-of-cycle", level, criticality)
                        .isEqualTo(Math.max(rank(base), PRIORITIES.indexOf(outOfCycleFloor)));
                for (String unchanged : List.of("defer", "scheduled")) {
                    assertThat(priorityOf(level, criticality, unchanged)).as("%s/%s %s", level, criticality, unchanged).isEqualTo(base);
                }
            }
        }
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
    void givesEveryRiskLevelCriticalityAndSsvcOutcomeExactlyOnePriority() {
        List<String> uncovered = new ArrayList<>();
        for (String level : LEVELS) {
            for (String criticality : CRITICALITIES) {
                for (String patchPriority : PATCH_PRIORITIES) {
                    ShippedTables.Evaluation evaluation = priority(level, criticality, patchPriority);
                    if (evaluation.rows("Priority").size() != 1 || evaluation.output("Priority") == null) {
                        uncovered.add(level + "/" + criticality + "/" + patchPriority + " matched " + evaluation.rows("Priority"));
                    }
                }
            }
        }
        assertThat(uncovered).isEmpty();
    }

    @Test
    void neverLowersPriorityOrLengthensSlaForHigherRiskMoreCriticalAssetsOrMoreUrgentPatching() {
        for (int level = 0; level < LEVELS.size(); level++) {
            for (int criticality = 0; criticality < CRITICALITIES.size(); criticality++) {
                for (int patch = 0; patch < PATCH_PRIORITIES.size(); patch++) {
                    Map<?, ?> here = priorityOf(LEVELS.get(level), CRITICALITIES.get(criticality), PATCH_PRIORITIES.get(patch));
                    if (level + 1 < LEVELS.size()) {
                        assertNotWorse(here, LEVELS.get(level + 1), CRITICALITIES.get(criticality), PATCH_PRIORITIES.get(patch));
                    }
                    if (criticality + 1 < CRITICALITIES.size()) {
                        assertNotWorse(here, LEVELS.get(level), CRITICALITIES.get(criticality + 1), PATCH_PRIORITIES.get(patch));
                    }
                    if (patch + 1 < PATCH_PRIORITIES.size()) {
                        assertNotWorse(here, LEVELS.get(level), CRITICALITIES.get(criticality), PATCH_PRIORITIES.get(patch + 1));
                    }
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

    private static void assertNotWorse(Map<?, ?> lower, String level, String criticality, String patchPriority) {
        Map<?, ?> higher = priorityOf(level, criticality, patchPriority);
        assertThat(rank(higher)).as("priority of %s risk on %s with SSVC %s", level, criticality, patchPriority)
                .isGreaterThanOrEqualTo(rank(lower));
        assertThat((BigDecimal) higher.get("slaMinutes")).as("SLA of %s risk on %s with SSVC %s", level, criticality, patchPriority)
                .isLessThanOrEqualTo((BigDecimal) lower.get("slaMinutes"));
    }

    /** 0 for P4 to 3 for P1. */
    private static int rank(Map<?, ?> priority) {
        return PRIORITIES.indexOf((String) priority.get("priority"));
    }

    private static Map<?, ?> priorityOf(String level, String criticality, String patchPriority) {
        Object priority = priority(level, criticality, patchPriority).output("Priority");
        assertThat(priority).as("priority of %s risk on %s with SSVC %s", level, criticality, patchPriority).isInstanceOf(Map.class);
        return (Map<?, ?>) priority;
    }

    private static ShippedTables.Evaluation riskLevel(int score) {
        return tables.evaluate(MODEL, "Risk Level", Map.of("Risk Score", BigDecimal.valueOf(score)));
    }

    /** Evaluates the priority table for a level, fed by a score inside that level's band, for an alert without SSVC. */
    private static ShippedTables.Evaluation priority(String level, String criticality) {
        return priority(level, criticality, "none");
    }

    private static ShippedTables.Evaluation priority(String level, String criticality, String patchPriority) {
        int score = Map.of("low", 10, "medium", 30, "high", 60, "critical", 90).get(level);
        ShippedTables.Evaluation evaluation = tables.evaluate(MODEL, "Priority", Map.of("Risk Score", BigDecimal.valueOf(score),
                "Asset Criticality", criticality, "SSVC Patch Priority", patchPriority));
        assertThat(evaluation.output("Risk Level")).as("level of score %d", score).isEqualTo(level);
        return evaluation;
    }
}
