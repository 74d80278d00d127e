package dev.arbiter.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset could not be built; the problems name each file, line and compiler message. */
public class RulesetException extends RuntimeException {

    private final transient List<RulesetProblem> problems;

    public RulesetException(List<RulesetProblem> problems) {
        super("The ruleset has errors:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RulesetProblem> problems() {
        return problems;
    }
}
