package dev.arbiter.suppression;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on suppressions. */
@ConfigMapping(prefix = "arbiter.suppression")
public interface SuppressionConfig {

    /** The longest a suppression may last, in days: noise is re-examined at least this often. */
    @WithDefault("30")
    int maxDays();
}
