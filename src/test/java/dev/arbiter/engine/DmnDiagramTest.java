package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every shipped table is DMN 1.5 with a complete DMNDI diagram, so it keeps opening in standard DMN editors. */
class DmnDiagramTest {

    private static final String MODEL_NS = "https://www.omg.org/spec/DMN/20230324/MODEL/";
    private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20230324/DMNDI/";
    private static final String DC_NS = "http://www.omg.org/spec/DMN/20180521/DC/";

    static Stream<Path> shippedTables() throws IOException {
        try (Stream<Path> files = Files.list(ShippedTables.DMN_DIR)) {
            return files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList().stream();
        }
    }

    @Test
    void shipsAtLeastTheTwoTablesTheEngineNeeds() throws IOException {
        assertThat(shippedTables().map(f -> f.getFileName().toString())).contains("priority.dmn", "response-actions.dmn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTables")
    void declaresTheDmn15Namespace(Path file) throws Exception {
        Element definitions = parse(file).getDocumentElement();

        assertThat(definitions.getNamespaceURI()).isEqualTo(MODEL_NS);
        assertThat(definitions.getLocalName()).isEqualTo("definitions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTables")
    void drawsEveryDecisionAndInputDataInADiagram(Path file) throws Exception {
        Document document = parse(file);
        assertThat(document.getElementsByTagNameNS(DMNDI_NS, "DMNDiagram").getLength()).as("DMNDiagram elements").isPositive();

        List<String> drawn = new ArrayList<>();
        for (Element shape : elements(document, DMNDI_NS, "DMNShape")) {
            assertThat(elements(shape, DC_NS, "Bounds")).as("bounds of shape %s", shape.getAttribute("id")).hasSize(1);
            drawn.add(shape.getAttribute("dmnElementRef"));
        }
        List<String> nodes = new ArrayList<>();
        for (String kind : List.of("decision", "inputData", "businessKnowledgeModel", "knowledgeSource", "decisionService")) {
            elements(document, MODEL_NS, kind).forEach(node -> nodes.add(node.getAttribute("id")));
        }

        assertThat(nodes).as("decisions and input data").isNotEmpty();
        assertThat(drawn).as("shapes").containsAll(nodes);
        assertThat(modelIds(document)).as("elements the shapes draw").containsAll(drawn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTables")
    void drawsEveryRequirementAsAnEdge(Path file) throws Exception {
        Document document = parse(file);

        List<String> requirements = new ArrayList<>();
        for (String kind : List.of("informationRequirement", "knowledgeRequirement", "authorityRequirement")) {
            elements(document, MODEL_NS, kind).forEach(requirement -> requirements.add(requirement.getAttribute("id")));
        }
        List<String> edges = elements(document, DMNDI_NS, "DMNEdge").stream()
                .map(edge -> edge.getAttribute("dmnElementRef")).toList();

        assertThat(edges).containsExactlyInAnyOrderElementsOf(requirements);
    }

    /** Ids of all elements of the model (not of the diagram). */
    private static List<String> modelIds(Document document) {
        return elements(document, MODEL_NS, "*").stream().map(e -> e.getAttribute("id")).filter(id -> !id.isEmpty()).toList();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }

    private static List<Element> elements(Document document, String namespace, String name) {
        return elements(document.getElementsByTagNameNS(namespace, name));
    }

    private static List<Element> elements(Element parent, String namespace, String name) {
        return elements(parent.getElementsByTagNameNS(namespace, name));
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
