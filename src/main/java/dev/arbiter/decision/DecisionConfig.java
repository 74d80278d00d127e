package dev.arbiter.decision;

import java.time.LocalTime;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The organisation's clock for rules: its time zone and working hours. */
@ConfigMapping(prefix = "arbiter.decision")
public interface DecisionConfig {

    /** Time zone in which business hours and weekends are judged. */
    @WithDefault("UTC")
    ZoneId zone();

    /** Start of the working day. */
    @WithDefault("08:00")
    LocalTime businessStart();

    /** End of the working day (exclusive). */
    @WithDefault("18:00")
    LocalTime businessEnd();
}
