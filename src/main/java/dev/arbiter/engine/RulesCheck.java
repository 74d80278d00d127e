package dev.arbiter.engine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The offline check for rule authors' own CI ({@code bin/arbiter-rules check <folder>}): validates the folder's
 * {@code rules/} and {@code dmn/} and runs its {@code rules/tests/*.yaml} scenarios, with no server and no database.
 * Prints each problem as {@code file:line: message}; exits 0 when the ruleset could be activated, 1 when not, 2 on
 * wrong usage.
 */
public final class RulesCheck {

    private RulesCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("check")) {
            err.println("usage: arbiter-rules check <folder with rules/ and dmn/>");
            return 2;
        }
        Path root = Path.of(args[1]);
        if (!Files.isDirectory(root.resolve("rules")) || !Files.isDirectory(root.resolve("dmn"))) {
            err.println(root + ": expected a folder holding rules/ and dmn/");
            return 2;
        }
        ValidationReport report;
        try {
            report = RulesetValidator.validate(RulesetBundle.read(root));
        } catch (RulesetException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return 1;
        }
        report.errors().forEach(p -> err.println("error: " + p));
        report.warnings().forEach(p -> out.println("warning: " + p));
        long failed = report.scenarios().size() - report.scenariosPassed();
        out.println(report.scenarios().size() + " scenarios: " + report.scenariosPassed() + " passed, " + failed + " failed");
        if (report.passed()) {
            out.println("OK " + report.version());
            return 0;
        }
        err.println("FAILED: " + report.errors().size() + " error(s); this ruleset would be refused");
        return 1;
    }
}
