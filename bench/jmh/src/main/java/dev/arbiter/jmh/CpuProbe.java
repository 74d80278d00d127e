package dev.arbiter.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.Ruleset;

/**
 * Decisions per CPU-second of the deciding thread: a companion to {@link DecideBenchmark} that stays comparable when
 * other processes compete for the cores (wall-clock throughput then drops, CPU time per decision barely moves).
 * Arguments: warm-up seconds, measured seconds, generated rules, priority table rows. Prints one JSON line.
 */
public final class CpuProbe {

    private CpuProbe() {
    }

    public static void main(String[] args) {
        double warmup = Double.parseDouble(args.length > 0 ? args[0] : "10");
        double measure = Double.parseDouble(args.length > 1 ? args[1] : "10");
        int rules = Integer.parseInt(args.length > 2 ? args[2] : "0");
        int tableRows = Integer.parseInt(args.length > 3 ? args[3] : "0");
        Ruleset ruleset = Ruleset.build(Generated.source(Generated.root(), rules, tableRows));
        List<AssessmentInput> inputs = Corpus.load(Generated.corpus());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int next = 0;
        // warm up for the given wall time, but never fewer than 20,000 decisions: on a busy machine a few seconds
        // of wall time may hold too little CPU time for the JIT to finish
        long end = System.nanoTime() + (long) (warmup * 1e9);
        for (int warm = 0; warm < 20_000 || System.nanoTime() < end; warm++) {
            ruleset.assess(inputs.get(next));
            next = (next + 1) % inputs.size();
        }
        long ops = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        end = wall0 + (long) (measure * 1e9);
        while (System.nanoTime() < end) {
            ruleset.assess(inputs.get(next));
            next = (next + 1) % inputs.size();
            ops++;
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("{\"rules\": %d, \"tableRows\": %d, \"decisions\": %d, \"wallSeconds\": %.2f, \"cpuSeconds\": %.2f, "
                + "\"perWallSecond\": %.1f, \"perCpuSecond\": %.1f, \"cpuMicrosPerDecision\": %.1f}%n",
                rules, tableRows, ops, wall, cpu, ops / wall, ops / cpu, cpu * 1e6 / ops);
    }
}
