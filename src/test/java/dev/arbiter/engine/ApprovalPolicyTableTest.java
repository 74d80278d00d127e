package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each row of the {@code Approval Gate} table (hit policy FIRST), evaluated directly: one case per row asserting the
 * row the hit policy selected and its outputs, then proof that the table answers every combination of inputs with
 * exactly one row and that the shipped policy's promises hold everywhere.
 */
class ApprovalPolicyTableTest {

    private static final String MODEL = Assessor.APPROVAL_MODEL;
    private static final String DECISION = Assessor.APPROVAL_DECISION;
    private static final List<String> ACTION_TYPES = List.of("open-ticket", "notify-soc", "page-on-call", "notify-manager",
            "isolate-host", "run-av-scan", "patch-host", "disable-account", "reset-credentials", "block-ip", "block-hash",
            "wipe-host");
    private static final List<String> IMPACTS = List.of("low", "medium", "high");
    private static final List<String> CRITICALITIES = List.of("crown-jewel", "high", "unknown", "medium", "low", "none");
    private static final List<String> ENVIRONMENTS = List.of("production", "staging", "development", "none");

    private static ShippedTables tables;

    @BeforeAll
    static void loadTables() {
        tables = ShippedTables.load();
    }

    @ParameterizedTest(name = "row {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # row under test                 | action type     | impact | criticality | environment | privileged | gate          | expiry | group
            approval-notifications           | open-ticket     | low    | none        | none        | false      | auto          | null   | null
            approval-isolate-crown-jewel     | isolate-host    | high   | crown-jewel | development | false      | two-approvers | 30     | soc-leads
            approval-isolate-production      | isolate-host    | high   | unknown     | production  | false      | one-approver  | 60     | soc-leads
            approval-isolate-non-production  | isolate-host    | high   | high        | staging     | false      | auto          | null   | null
            approval-disable-privileged      | disable-account | high   | none        | none        | true       | one-approver  | 30     | identity-admins
            approval-disable-unprivileged    | disable-account | high   | none        | none        | false      | auto          | null   | null
            approval-block-ip                | block-ip        | high   | none        | none        | false      | one-approver  | 60     | network-team
            approval-low-medium-impact       | block-hash      | medium | none        | none        | false      | auto          | null   | null
            approval-default                 | wipe-host       | high   | low         | development | false      | one-approver  | 60     | soc-leads
            """)
    void eachRowDecidesItsCase(String row, String actionType, String impact, String criticality, String environment,
                               boolean privileged, String gate, Integer expiry, String group) {
        ShippedTables.Evaluation evaluation = evaluate(actionType, impact, criticality, environment, privileged);

        assertThat(evaluation.selected(DECISION)).containsExactly(row);
        Map<?, ?> output = (Map<?, ?>) evaluation.output(DECISION);
        assertThat(output.get("gate")).isEqualTo(gate);
        assertThat(output.get("expiryMinutes")).isEqualTo(expiry == null ? null : BigDecimal.valueOf(expiry));
        assertThat(output.get("approverGroup")).isEqualTo(group);
    }

    /** Notifications stay automatic however critical the context: the first row wins over every later one. */
    @ParameterizedTest(name = "{0} on a privileged, crown-jewel production context is automatic")
    @CsvSource({"open-ticket", "notify-soc", "page-on-call", "notify-manager"})
    void ticketsAndNotificationsAreAlwaysAutomatic(String actionType) {
        ShippedTables.Evaluation evaluation = evaluate(actionType, "high", "crown-jewel", "production", true);

        assertThat(evaluation.selected(DECISION)).containsExactly("approval-notifications");
    }

    @Test
    void answersEveryCombinationWithExactlyOneRowAndReachesEveryRow() {
        List<String> wrong = new ArrayList<>();
        Set<String> reached = new TreeSet<>();
        forEveryCombination((inputs, evaluation) -> {
            List<String> selected = evaluation.selected(DECISION);
            Map<?, ?> output = (Map<?, ?>) evaluation.output(DECISION);
            if (selected.size() != 1 || output == null || output.get("gate") == null) {
                wrong.add(inputs + " selected " + selected + " gave " + output);
                return;
            }
            reached.add(selected.get(0));
            boolean automatic = "auto".equals(output.get("gate"));
            if (automatic != (output.get("expiryMinutes") == null) || automatic != (output.get("approverGroup") == null)) {
                wrong.add(inputs + ": a gated row needs an expiry and a group, an automatic one neither: " + output);
            }
        });

        assertThat(wrong).isEmpty();
        assertThat(reached).as("rows some input reaches").containsExactlyInAnyOrderElementsOf(rowIds());
    }

    @Test
    void theShippedPolicyHoldsForEveryCombination() {
        List<String> wrong = new ArrayList<>();
        forEveryCombination((inputs, evaluation) -> {
            String gate = (String) ((Map<?, ?>) evaluation.output(DECISION)).get("gate");
            String type = (String) inputs.get("Action Type");
            boolean gated = !"auto".equals(gate);
            boolean containsImportantAsset = type.equals("isolate-host")
                    && (inputs.get("Environment").equals("production") || inputs.get("Asset Criticality").equals("crown-jewel"));
            boolean disablesPrivileged = type.equals("disable-account") && (Boolean) inputs.get("Privileged Identity");
            boolean notification = Set.of("open-ticket", "notify-soc", "page-on-call", "notify-manager").contains(type);
            if ((containsImportantAsset || disablesPrivileged || type.equals("block-ip")) && !gated) {
                wrong.add(inputs + " must wait for approval but is " + gate);
            }
            if (notification && gated) {
                wrong.add(inputs + " must be automatic but is " + gate);
            }
            if (type.equals("wipe-host") && inputs.get("Impact").equals("high") && !gated) {
                wrong.add(inputs + ": a high-impact action the table does not name must wait, but is " + gate);
            }
        });

        assertThat(wrong).isEmpty();
    }

    private interface Check {
        void accept(Map<String, Object> inputs, ShippedTables.Evaluation evaluation);
    }

    private static void forEveryCombination(Check check) {
        for (String type : ACTION_TYPES) {
            for (String impact : IMPACTS) {
                for (String criticality : CRITICALITIES) {
                    for (String environment : ENVIRONMENTS) {
                        for (boolean privileged : List.of(false, true)) {
                            Map<String, Object> inputs = inputs(type, impact, criticality, environment, privileged);
                            check.accept(inputs, tables.evaluate(MODEL, DECISION, inputs));
                        }
                    }
                }
            }
        }
    }

    private static ShippedTables.Evaluation evaluate(String actionType, String impact, String criticality, String environment,
                                                     boolean privileged) {
        return tables.evaluate(MODEL, DECISION, inputs(actionType, impact, criticality, environment, privileged));
    }

    private static Map<String, Object> inputs(String actionType, String impact, String criticality, String environment,
                                              boolean privileged) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("Action Type", actionType);
        inputs.put("Impact", impact);
        inputs.put("Asset Criticality", criticality);
        inputs.put("Environment", environment);
        inputs.put("Privileged Identity", privileged);
        return inputs;
    }

    /** The ids of the table's rows, read from the shipped file. */
    private static List<String> rowIds() {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            org.w3c.dom.NodeList rules = factory.newDocumentBuilder()
                    .parse(ShippedTables.DMN_DIR.resolve("approval-policy.dmn").toFile())
                    .getElementsByTagNameNS("https://www.omg.org/spec/DMN/20230324/MODEL/", "rule");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < rules.getLength(); i++) {
                ids.add(((org.w3c.dom.Element) rules.item(i)).getAttribute("id"));
            }
            return ids;
        } catch (Exception e) {
            throw new AssertionError("cannot read approval-policy.dmn", e);
        }
    }
}
