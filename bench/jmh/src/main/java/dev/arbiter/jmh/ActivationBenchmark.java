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
 * <p>{@code tables}: {@code changed} gives every build tables of their own (a comment with the build's number added
 * to each DMN file), so every build compiles them, as a version whose tables were edited must; {@code unchanged}
 * builds the same tables every time, which a version that changes only rules reuses from the build before it.
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

    @Param({"changed", "unchanged"})
    public String tables;

    private RulesetSource generated;
    private RulesetSource source;
    private int builds;

    @Setup(Level.Trial)
    public void setUp() {
        generated = Generated.source(Generated.root(), rules, 0);
        source = generated;
    }

    @Setup(Level.Invocation)
    public void nextVersion() {
        if (tables.equals("changed")) {
            int build = ++builds;
            Map<String, String> files = new TreeMap<>(generated.files());
            files.replaceAll((name, text) -> name.startsWith("dmn/") ? text + "<!-- build " + build + " -->\n" : text);
            source = new RulesetSource(files);
        }
    }

    @Benchmark
    public Ruleset build() {
        return Ruleset.build(source);
    }
}
