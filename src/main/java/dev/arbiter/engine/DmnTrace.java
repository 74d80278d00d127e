package dev.arbiter.engine;

import java.util.List;

/**
 * Which rows of one DMN decision table matched during an assessment.
 *
 * @param model        the DMN model name
 * @param decision     the decision name
 * @param matchedRules the matched rows' ids, in table order
 */
public record DmnTrace(String model, String decision, List<String> matchedRules) {

    public DmnTrace {
        matchedRules = List.copyOf(matchedRules);
    }
}
