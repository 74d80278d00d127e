package dev.arbiter.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.engine.RulesetBundle;
import dev.arbiter.engine.RulesetSource;

/**
 * Writes the body of {@code POST /api/v1/rulesets/activate} for a grown ruleset, so the service's cost-growth phase of
 * bench/run activates exactly what {@link DecideBenchmark} measures: the files of {@link Generated#source} ({@code rules}
 * generated rules, the priority table padded to {@code tableRows} rows) and the shipped scenario tests
 * ({@code rules/tests/*.yaml}), which activation runs as it does for any rule author's bundle. Arguments: generated
 * rules, priority table rows, output file. Prints the ruleset version the service will report.
 */
public final class RulesetBody {

    private RulesetBody() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RulesetBody <generated rules> <priority table rows> <output file>");
        }
        int rules = Integer.parseInt(args[0]);
        int tableRows = Integer.parseInt(args[1]);
        Path root = Generated.root();
        RulesetSource grown = Generated.source(root, rules, tableRows);
        SortedMap<String, String> files = new TreeMap<>(grown.files());
        files.putAll(RulesetBundle.read(root.resolve("rules"), root.resolve("dmn")).scenarios());
        new ObjectMapper().writeValue(Path.of(args[2]).toFile(), Map.of("files", files));
        System.out.println(grown.version());
    }
}
