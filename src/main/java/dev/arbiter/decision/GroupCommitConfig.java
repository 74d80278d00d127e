package dev.arbiter.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How decisions ready at the same moment share a transaction ({@link GroupCommit}). */
@ConfigMapping(prefix = "arbiter.decision.group-commit")
public interface GroupCommitConfig {

    /** Most decisions one transaction stores; 1 stores each in a transaction of its own. */
    @WithDefault("16")
    int maxAlerts();

    /** Most such transactions being written at once; more decisions wait and join the next. */
    @WithDefault("2")
    int transactions();
}
