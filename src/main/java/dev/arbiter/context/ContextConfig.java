package dev.arbiter.context;

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
}
