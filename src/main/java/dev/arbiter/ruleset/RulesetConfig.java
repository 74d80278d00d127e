package dev.arbiter.ruleset;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the rules and decision tables live on disk, and how versions are picked up. */
@ConfigMapping(prefix = "arbiter")
public interface RulesetConfig {

    /** Folder of {@code *.drl} files, relative to the working directory unless absolute; scenarios in its {@code tests/}. */
    @WithName("rules.dir")
    @WithDefault("rules")
    String rulesDir();

    /** Folder of {@code *.dmn} files, relative to the working directory unless absolute. */
    @WithName("dmn.dir")
    @WithDefault("dmn")
    String dmnDir();

    /** Watch the rule and table folders and activate saved changes once they validate and their scenarios pass. */
    @WithName("rulesets.watch")
    @WithDefault("true")
    boolean watch();

    /** How long the folders must be quiet after a change before the watcher validates (an editor saves in bursts). */
    @WithName("rulesets.watch-quiet")
    @WithDefault("PT1S")
    Duration watchQuiet();

    /**
     * How often each replica compares its active version with the one recorded in the database and loads that one if
     * they differ ({@code off} to disable: tests call {@link RulesetSync#check()} themselves).
     */
    @WithName("rulesets.sync-interval")
    @WithDefault("10s")
    String syncInterval();

    /** Compiled versions kept in memory, so a rollback or a replica's sync does not compile again. */
    @WithName("rulesets.cache-size")
    @WithDefault("4")
    int cacheSize();

    /** Most stored alerts one replay page re-evaluates. */
    @WithName("rulesets.replay-max-limit")
    @WithDefault("1000")
    int replayMaxLimit();

    /** Live decisions queued for shadow evaluation at most; past it new ones are skipped (and counted), never the live request. */
    @WithName("rulesets.shadow-queue")
    @WithDefault("1000")
    int shadowQueue();
}
