package dev.arbiter.context;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Entity history: the look-back of repeated-alert counts and the decay of accumulated risk. */
@ConfigMapping(prefix = "arbiter.context")
public interface ContextConfig {

    /** How far back entity history counts earlier alerts, in hours. */
    @WithDefault("24")
    int historyWindowHours();

    /** Half-life of accumulated risk, in hours: an earlier decision's score counts half after this long. */
    @WithDefault("24")
    double riskHalfLifeHours();

    /** How far back accumulated risk looks, in hours; older decisions add nothing (after 7 half-lives, under 1 %). */
    @WithDefault("168")
    int riskLookbackHours();

    /**
     * The most rows one entity's figures are read from: at most this many earlier alerts are counted, and the
     * accumulated risk sums at most this many of the newest decisions. It bounds what a decision costs the database
     * however noisy the entity; keep it above the highest count your rules compare with (the shipped rules: 10).
     */
    @WithDefault("100")
    @Min(1)
    int historyLimit();

    /**
     * How long this replica holds an entity's newest history rows before reading them again (ISO-8601, {@code
     * PT5S}); its own alerts keep them current meanwhile, another replica's are seen at the next read. Zero reads
     * every time.
     */
    @WithDefault("PT5S")
    @DurationMin(nanos = 0)
    Duration historyCacheTtl();

    /**
     * The most entities whose history rows are held at once. A noisy entity holds up to about 2.5 × the limit rows of
     * each kind (about 6 KB at the default limit); a quiet one holds what it has.
     */
    @WithDefault("10000")
    @Min(0)
    int historyCacheEntities();
}
