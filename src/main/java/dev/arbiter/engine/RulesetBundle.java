package dev.arbiter.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a rule author hands in: the ruleset's files ({@code rules/*.drl}, {@code dmn/*.dmn}) and its scenario tests
 * ({@code rules/tests/*.yaml}). The version digest covers the rules and tables only: scenarios test a version, they
 * are not part of it, so adding a scenario never changes which version decided an alert.
 */
public record RulesetBundle(RulesetSource source, SortedMap<String, String> scenarios) {

    /** Where scenario files live, relative to the bundle root. */
    public static final String TESTS_PREFIX = "rules/tests/";
    private static final Pattern DRL = Pattern.compile("rules/[^/]+\\.drl");
    private static final Pattern DMN = Pattern.compile("dmn/[^/]+\\.dmn");
    private static final Pattern SCENARIO = Pattern.compile("rules/tests/[^/]+\\.ya?ml");

    public RulesetBundle {
        scenarios = Collections.unmodifiableSortedMap(new TreeMap<>(scenarios));
    }

    /**
     * Splits files keyed by their path in the bundle. Any other name is refused, so a typo ({@code rule/x.drl},
     * {@code dmn/x.xml}) is reported rather than silently left out of the version.
     *
     * @throws RulesetException naming each file that is neither a rule, a table nor a scenario
     */
    public static RulesetBundle of(Map<String, String> files) {
        SortedMap<String, String> rules = new TreeMap<>();
        SortedMap<String, String> tests = new TreeMap<>();
        List<RulesetProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (file.getValue() == null) {
                problems.add(new RulesetProblem(name, 0, "file has no content"));
            } else if (DRL.matcher(name).matches() || DMN.matcher(name).matches()) {
                rules.put(name, file.getValue());
            } else if (SCENARIO.matcher(name).matches()) {
                tests.put(name, file.getValue());
            } else {
                problems.add(new RulesetProblem(name, 0,
                        "not part of a ruleset: expected rules/<name>.drl, dmn/<name>.dmn or rules/tests/<name>.yaml"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new RulesetBundle(new RulesetSource(rules), tests);
    }

    /** Reads the rule and table folders, and the scenarios in the rules folder's {@code tests} sub-folder if it has one. */
    public static RulesetBundle read(Path rulesDir, Path dmnDir) {
        RulesetSource source = RulesetSource.read(rulesDir, dmnDir);
        SortedMap<String, String> tests = new TreeMap<>();
        Path testsDir = rulesDir.resolve("tests");
        if (Files.isDirectory(testsDir)) {
            try (Stream<Path> paths = Files.list(testsDir)) {
                for (Path path : paths.filter(p -> SCENARIO.matcher(TESTS_PREFIX + p.getFileName()).matches()
                        && Files.isRegularFile(p)).toList()) {
                    tests.put(TESTS_PREFIX + path.getFileName(), Files.readString(path, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + testsDir, e);
            }
        }
        return new RulesetBundle(source, tests);
    }

    /** Reads a folder holding {@code rules/} and {@code dmn/}, as a rule author's repository does. */
    public static RulesetBundle read(Path root) {
        return read(root.resolve("rules"), root.resolve("dmn"));
    }

    /** The version digest of the rules and tables (scenarios excluded). */
    public String version() {
        return source.version();
    }

    /** Every file, rules, tables and scenarios, keyed by path. */
    public SortedMap<String, String> allFiles() {
        SortedMap<String, String> all = new TreeMap<>(source.files());
        all.putAll(scenarios);
        return Collections.unmodifiableSortedMap(all);
    }
}
