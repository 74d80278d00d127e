package dev.arbiter.engine;

/**
 * One error found while building a ruleset, located in a rule or table file.
 *
 * @param file    the file as keyed in {@link RulesetSource}, e.g. {@code rules/asset.drl}; a folder when no one file is at fault
 * @param line    the 1-based line, or 0 when the compiler gave none
 * @param message the compiler's message
 */
public record RulesetProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
