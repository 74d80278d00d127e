package dev.arbiter.engine;

/**
 * One error found while building a ruleset, located in a rule or table file.
 *
 * @param file    the file name relative to its folder, e.g. {@code asset.drl}
 * @param line    the 1-based line, or 0 when the compiler gave none
 * @param message the compiler's message
 */
public record RulesetProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
