package dev.arbiter.jmh;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.arbiter.engine.Ruleset;
import dev.arbiter.engine.RulesetSource;

/**
 * Ruleset activation at the engine level: compiling the shipped rules plus {@code rules} generated ones and all the
 * DMN models into a {@link Ruleset} (what activating a version must do before it can serve), one build per
 * invocation. The first builds of a JVM are the slow ones (class loading, JIT), so the warm-up builds are reported
 * apart by bench/run as the cold figure.
 *
 * <p>{@code edit} says which files each build changes (a comment with the build's number added to them), so which
 * parts it compiles: a build reuses the compiled rules and tables of the ruleset before it when their files are the
 * same. {@code all} changes every file, so every build compiles everything: the target's figure, as in every earlier
 * run. {@code rules} changes only the rule files (the tables are reused), and {@code tables} only the DMN files (the
 * rules are reused).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ActivationBenchmark {

    @Param("200")
    public int rules;

    @Param({"all", "rules", "tables"})
    public String edit;

    private RulesetSource generated;
    private RulesetSource source;
    private int builds;
    /** The last build, held as the service holds its live ruleset: what a build reuses must still be in use. */
    private Ruleset live;

    @Setup(Level.Trial)
    public void setUp() {
        generated = Generated.source(Generated.root(), rules, 0);
        source = generated;
    }

    @Setup(Level.Invocation)
    public void nextVersion() {
        int build = ++builds;
        Map<String, String> files = new TreeMap<>(generated.files());
        files.replaceAll((name, text) -> edits(name) ? text + comment(name, build) : text);
        source = new RulesetSource(files);
    }

    private boolean edits(String file) {
        return edit.equals("all") || file.startsWith(edit.equals("rules") ? "rules/" : "dmn/");
    }

    private static String comment(String file, int build) {
        return file.startsWith("dmn/") ? "<!-- build " + build + " -->\n" : "// build " + build + "\n";
    }

    @Benchmark
    public Ruleset build() {
        live = Ruleset.build(source);
        return live;
    }
}
