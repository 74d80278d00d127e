package dev.arbiter.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.arbiter.engine.RulesetBundle;

/** The shipped bundle and variants of it, for the ruleset API tests. */
final class Bundles {

    static final RulesetBundle SHIPPED = RulesetBundle.read(Path.of("rules"), Path.of("dmn"));

    private Bundles() {
    }

    static Map<String, String> shipped() {
        return new TreeMap<>(SHIPPED.allFiles());
    }

    /** The shipped files with one replacement in one file. */
    static Map<String, String> with(String file, String from, String to) {
        Map<String, String> files = shipped();
        assertThat(files.get(file)).as(file).contains(from);
        files.put(file, files.get(file).replace(from, to));
        return files;
    }

    /** A version that decides exactly like the shipped one: only a comment differs. */
    static Map<String, String> harmless(String note) {
        Map<String, String> files = shipped();
        files.put("rules/time.drl", files.get("rules/time.drl") + "\n// " + note + "\n");
        return files;
    }

    /** High vendor severity counts 50 points instead of 20: the one change the replay and shadow tests look for. */
    static Map<String, String> severeHigh() {
        return with("rules/severity.drl", "getName(), 20, $source + \" rated the alert high\"",
                "getName(), 50, $source + \" rated the alert high\"");
    }

    static String version(Map<String, String> files) {
        return RulesetBundle.of(files).version();
    }
}
