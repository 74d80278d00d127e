package dev.arbiter.jmh;

import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.Ruleset;

/**
 * Engine only: one decision (rules, then the priority, response, SSVC and approval tables) per invocation, on one
 * thread, cycling through the corpus. {@code rules} adds generated rules to the shipped ones and {@code tableRows}
 * pads the priority table (0 = as shipped), for the cost-growth table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class DecideBenchmark {

    @Param("0")
    public int rules;

    @Param("0")
    public int tableRows;

    private Ruleset ruleset;
    private List<AssessmentInput> inputs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ruleset = Ruleset.build(Generated.source(Generated.root(), rules, tableRows));
        inputs = Corpus.load(Generated.corpus());
        if (inputs.isEmpty()) {
            throw new IllegalStateException("empty corpus in " + Generated.corpus());
        }
        for (AssessmentInput input : inputs) {
            ruleset.assess(input); // every corpus alert decides without error before timing starts
        }
    }

    @Benchmark
    public Assessment decide() {
        AssessmentInput input = inputs.get(next);
        next = next + 1 == inputs.size() ? 0 : next + 1;
        return ruleset.assess(input);
    }
}
