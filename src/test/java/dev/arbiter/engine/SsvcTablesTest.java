package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.HitPolicy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * CERT/CC's published SSVC decision tables ({@code src/test/resources/ssvc}), every row, against the shipped models:
 * the CISA Coordinator tree 2.0.3, the Deployer patch application priority tree 1.0.0 and its Human Impact helper
 * table 1.0.0. Each published row is one UNIQUE row of a DMN table; every combination of inputs matches exactly one.
 */
class SsvcTablesTest {

    private static final String MODEL_NS = "https://www.omg.org/spec/DMN/20230324/MODEL/";
    private static final String COORDINATOR_MODEL = "ssvc-cisa-coordinator";
    private static final String DEPLOYER_MODEL = "ssvc-deployer";

    /** One published table and where it lives in {@code dmn/}. */
    enum Published {
        COORDINATOR("cisa_coordinator_2_0_3", COORDINATOR_MODEL, "CISA Level", "cisa-coordinator", "ssvc-coordinator.dmn"),
        HUMAN_IMPACT("human_impact_1_0_0", DEPLOYER_MODEL, "Human Impact", "human-impact", "ssvc-deployer.dmn"),
        DEPLOYER("deployer_patch_application_priority_1_0_0", DEPLOYER_MODEL, "Patch Application Priority",
                "deployer", "ssvc-deployer.dmn");

        final String file;
        final String model;
        final String decision;
        final String rulePrefix;
        final String dmnFile;

        Published(String file, String model, String decision, String rulePrefix, String dmnFile) {
            this.file = file;
            this.model = model;
            this.decision = decision;
            this.rulePrefix = rulePrefix;
            this.dmnFile = dmnFile;
        }

        /** The DMN rule id of a published row: the prefix and the row number, zero-padded to the table's width. */
        String ruleId(int row, int rows) {
            return rulePrefix + "-" + String.format("%0" + String.valueOf(rows - 1).length() + "d", row);
        }
    }

    /** One published row: its number, the input values by decision point name, and the outcome. */
    record Row(Published table, int number, Map<String, String> inputs, String outcome, int rows) {
        String ruleId() {
            return table.ruleId(number, rows);
        }

        @Override
        public String toString() {
            return table.name().toLowerCase(Locale.ROOT) + " row " + number + ": " + String.join(", ", inputs.values()) + " → " + outcome;
        }
    }

    private static ShippedTables tables;

    @BeforeAll
    static void loadTables() {
        tables = ShippedTables.load();
    }

    static Stream<Row> coordinatorRows() {
        return rows(Published.COORDINATOR).stream();
    }

    static Stream<Row> humanImpactRows() {
        return rows(Published.HUMAN_IMPACT).stream();
    }

    static Stream<Row> deployerRows() {
        return rows(Published.DEPLOYER).stream();
    }

    static Stream<Published> publishedTables() {
        return Arrays.stream(Published.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"coordinatorRows", "humanImpactRows", "deployerRows"})
    void decidesEveryPublishedRowByThatRowAlone(Row row) {
        ShippedTables.Evaluation evaluation = tables.evaluate(row.table().model, row.table().decision, new HashMap<>(row.inputs()));

        assertThat(evaluation.output(row.table().decision)).isEqualTo(row.outcome());
        assertThat(evaluation.rows(row.table().decision)).containsExactly(row.ruleId());
    }

    /** The Deployer tree as Arbiter runs it: Human Impact from Safety and Mission Impact, for every pair that gives the row's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployerRows")
    void decidesEveryDeployerRowThroughTheHumanImpactTable(Row row) {
        List<Row> humanImpacts = rows(Published.HUMAN_IMPACT).stream()
                .filter(human -> human.outcome().equals(row.inputs().get("Human Impact"))).toList();
        assertThat(humanImpacts).as("published ways to reach Human Impact %s", row.inputs().get("Human Impact")).isNotEmpty();

        for (Row human : humanImpacts) {
            Map<String, Object> inputs = new HashMap<>(row.inputs());
            inputs.remove("Human Impact");
            inputs.putAll(human.inputs());

            ShippedTables.Evaluation evaluation = tables.evaluate(DEPLOYER_MODEL, "Patch Application Priority", inputs);

            assertThat(evaluation.output("Patch Application Priority")).as("with %s", human).isEqualTo(row.outcome());
            assertThat(evaluation.rows("Human Impact")).as("with %s", human).containsExactly(human.ruleId());
            assertThat(evaluation.rows("Patch Application Priority")).as("with %s", human).containsExactly(row.ruleId());
        }
    }

    /** UNIQUE, one DMN row per published row, and the published rows are every combination of the values, once each. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedTables")
    void isUniqueAndCoversEveryCombinationExactlyOnce(Published table) {
        DMNModel model = tables.model(table.model);
        DecisionTable decisionTable = (DecisionTable) model.getDecisionByName(table.decision).getDecision().getExpression();
        List<Row> rows = rows(table);
        Map<String, List<String>> values = decisionPointValues(table);

        assertThat(decisionTable.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
        assertThat(decisionTable.getRule()).hasSize(rows.size());
        assertThat(decisionTable.getRule()).extracting(rule -> rule.getId())
                .containsExactlyElementsOf(rows.stream().map(Row::ruleId).toList());

        List<Map<String, String>> combinations = combinations(values.entrySet().stream()
                .filter(point -> !point.getKey().equals("outcome")).toList());
        assertThat(rows).extracting(Row::inputs).containsExactlyInAnyOrderElementsOf(combinations);
        for (Map<String, String> combination : combinations) {
            ShippedTables.Evaluation evaluation = tables.evaluate(table.model, table.decision, new HashMap<>(combination));
            assertThat(evaluation.rows(table.decision)).as("rows matching %s", combination).hasSize(1);
        }
    }

    /** The models use CERT/CC's value names, as the CSV writes them, in the published order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedTables")
    void declaresThePublishedValueNamesForEveryInputAndTheOutcome(Published table) throws Exception {
        Document dmn = parse(ShippedTables.DMN_DIR.resolve(table.dmnFile));
        Element decision = elements(dmn, "decision").stream()
                .filter(d -> d.getAttribute("name").equals(table.decision)).findFirst().orElseThrow();
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (Element input : elements(decision, "input")) {
            Element expression = elements(input, "inputExpression").get(0);
            declared.put(text(expression), allowedValues(dmn, expression.getAttribute("typeRef")));
        }
        Element variable = elements(decision, "variable").get(0);
        declared.put("outcome", allowedValues(dmn, variable.getAttribute("typeRef")));

        Map<String, List<String>> published = decisionPointValues(table);
        assertThat(declared.keySet()).containsExactlyElementsOf(published.keySet());
        assertThat(declared).isEqualTo(published);
    }

    /** The two published forms of each table agree, so either is the reference. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedTables")
    void jsonMappingAgreesWithTheCsv(Published table) {
        JsonNode json = json(table);
        List<Row> rows = rows(table);
        JsonNode mapping = json.get("mapping");

        assertThat(mapping).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> fromJson = new ArrayList<>();
            mapping.get(i).fields().forEachRemaining(cell -> fromJson.add(valueName(json.get("decision_points").get(cell.getKey()),
                    cell.getValue().asText())));
            List<String> fromCsv = new ArrayList<>(rows.get(i).inputs().values());
            fromCsv.add(rows.get(i).outcome());
            assertThat(fromJson).as("row %d", i).isEqualTo(fromCsv);
        }
    }

    /** The published rows from the CSV; input names are the decision points' names without their version. */
    static List<Row> rows(Published table) {
        List<List<String>> lines = csv(table.file + ".csv");
        List<String> header = lines.get(0);
        List<String> names = header.subList(1, header.size() - 1).stream().map(SsvcTablesTest::withoutVersion).toList();
        List<Row> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> inputs = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                inputs.put(names.get(i), line.get(i + 1));
            }
            rows.add(new Row(table, Integer.parseInt(line.get(0)), inputs, line.get(line.size() - 1), lines.size() - 1));
        }
        return rows;
    }

    /** Each decision point of the table (inputs, then the outcome as {@code outcome}) with its value names, lower case. */
    private static Map<String, List<String>> decisionPointValues(Published table) {
        JsonNode json = json(table);
        String outcome = json.get("outcome").asText();
        Map<String, List<String>> values = new LinkedHashMap<>();
        json.get("decision_points").fields().forEachRemaining(point -> {
            List<String> names = new ArrayList<>();
            point.getValue().get("values").forEach(value -> names.add(value.get("name").asText().toLowerCase(Locale.ROOT)));
            values.put(point.getKey().equals(outcome) ? "outcome" : point.getValue().get("name").asText(), names);
        });
        return values;
    }

    private static String valueName(JsonNode point, String key) {
        for (JsonNode value : point.get("values")) {
            if (value.get("key").asText().equals(key)) {
                return value.get("name").asText().toLowerCase(Locale.ROOT);
            }
        }
        throw new AssertionError("no value " + key + " in " + point.get("name"));
    }

    private static List<Map<String, String>> combinations(List<Map.Entry<String, List<String>>> points) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> point : points) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : point.getValue()) {
                    Map<String, String> next = new LinkedHashMap<>(partial);
                    next.put(point.getKey(), value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    private static String withoutVersion(String column) {
        return column.replaceFirst(" v\\d+\\.\\d+\\.\\d+.*$", "");
    }

    private static List<List<String>> csv(String name) {
        try (InputStream in = resource(name);
             MappingIterator<List<String>> lines = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                     .readerForListOf(String.class).readValues(in)) {
            return lines.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(Published table) {
        try (InputStream in = resource(table.file + ".json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SsvcTablesTest.class.getResourceAsStream("/ssvc/" + name);
        assertThat(in).as("test resource ssvc/%s", name).isNotNull();
        return in;
    }

    private static List<String> allowedValues(Document dmn, String typeRef) {
        Element type = elements(dmn, "itemDefinition").stream()
                .filter(t -> t.getAttribute("name").equals(typeRef)).findFirst()
                .orElseThrow(() -> new AssertionError("no itemDefinition " + typeRef));
        String text = text(elements(type, "allowedValues").get(0));
        return Arrays.stream(text.split(",")).map(v -> v.strip().replaceAll("^\"|\"$", "")).toList();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Element element) {
        return elements(element, "text").get(0).getTextContent().strip();
    }

    private static List<Element> elements(Document document, String name) {
        return elements(document.getElementsByTagNameNS(MODEL_NS, name));
    }

    private static List<Element> elements(Element parent, String name) {
        return elements(parent.getElementsByTagNameNS(MODEL_NS, name));
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
