package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.io.ResourceFactory;

/**
 * The shipped {@code dmn/*.dmn} files in a DMN runtime of their own, built the way {@link Ruleset} builds them, so table
 * tests evaluate one decision directly and see which rows matched, independent of the Drools rules.
 */
final class ShippedTables {

    static final Path DMN_DIR = Path.of("dmn");

    private final DMNRuntime runtime;
    private final Map<String, List<String>> matchedRows = new LinkedHashMap<>();
    private final Map<String, List<String>> selectedRows = new LinkedHashMap<>();

    private ShippedTables(DMNRuntime runtime) {
        this.runtime = runtime;
        runtime.addListener(new DMNRuntimeEventListener() {
            @Override
            public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                matchedRows.put(event.getDecisionName(), List.copyOf(event.getMatchesIds()));
                selectedRows.put(event.getDecisionName(), List.copyOf(event.getSelectedIds()));
            }
        });
    }

    /** Compiles every shipped table and fails the calling test if any model has a compile error. */
    static ShippedTables load() {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DMN_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList()) {
                Resource resource = ResourceFactory.newReaderResource(
                        new StringReader(Files.readString(file, StandardCharsets.UTF_8)), "UTF-8");
                resource.setSourcePath("dmn/" + file.getFileName());
                resources.add(resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DMNRuntime runtime = DMNRuntimeBuilder.fromDefaults()
                .setRootClassLoader(Ruleset.class.getClassLoader())
                .buildConfiguration()
                .fromResources(resources)
                .getOrElseThrow(e -> new IllegalStateException(e.getMessage(), e));
        for (DMNModel model : runtime.getModels()) {
            assertThat(model.getMessages(DMNMessage.Severity.ERROR)).as("compile errors in %s", model.getName()).isEmpty();
        }
        return new ShippedTables(runtime);
    }

    /**
     * Evaluates one decision of one model (and the decisions it requires) and fails the calling test on any DMN error.
     * Synchronized because the row listener is shared by the runtime.
     */
    synchronized Evaluation evaluate(String modelName, String decision, Map<String, Object> inputs) {
        DMNModel model = runtime.getModels().stream().filter(m -> m.getName().equals(modelName)).findFirst()
                .orElseThrow(() -> new AssertionError("no DMN model named " + modelName));
        DMNContext context = runtime.newContext();
        inputs.forEach(context::set);
        matchedRows.clear();
        selectedRows.clear();
        DMNResult result = runtime.evaluateDecisionByName(model, decision, context);
        assertThat(result.getMessages(DMNMessage.Severity.ERROR)).as("DMN errors for %s", inputs).isEmpty();
        return new Evaluation(result, Map.copyOf(matchedRows), Map.copyOf(selectedRows));
    }

    /** The compiled model with this name; fails the calling test if there is none. */
    DMNModel model(String modelName) {
        return runtime.getModels().stream().filter(m -> m.getName().equals(modelName)).findFirst()
                .orElseThrow(() -> new AssertionError("no DMN model named " + modelName));
    }

    /**
     * The result of one evaluation and, per decision table evaluated, the ids of the rows that matched and of those the
     * hit policy selected (for FIRST: the first match only), in table order.
     */
    record Evaluation(DMNResult result, Map<String, List<String>> matchedRows, Map<String, List<String>> selectedRows) {

        Object output(String decision) {
            return result.getDecisionResultByName(decision).getResult();
        }

        List<String> rows(String decision) {
            return matchedRows.getOrDefault(decision, List.of());
        }

        List<String> selected(String decision) {
            return selectedRows.getOrDefault(decision, List.of());
        }
    }
}
