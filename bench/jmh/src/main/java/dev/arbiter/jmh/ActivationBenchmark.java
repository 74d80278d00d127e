package dev.arbiter.jmh;

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

    private RulesetSource source;

    @Setup(Level.Trial)
    public void setUp() {
        source = Generated.source(Generated.root(), rules, 0);
    }

    @Benchmark
    public Ruleset build() {
        return Ruleset.build(source);
    }
}
