package dev.arbiter.bench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the benchmark's floor endpoint. */
@ConfigMapping(prefix = "arbiter.bench")
public interface BenchConfig {

    /** The floor endpoint {@code POST /bench/floor}. */
    Floor floor();

    interface Floor {

        /** Serve the floor endpoint; off (404) by default and in production, on only for a benchmark run. */
        @WithDefault("false")
        boolean enabled();
    }
}
