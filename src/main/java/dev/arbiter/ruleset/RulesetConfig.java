package dev.arbiter.ruleset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the rules and decision tables live on disk. */
@ConfigMapping(prefix = "arbiter")
public interface RulesetConfig {

    /** Folder of {@code *.drl} files, relative to the working directory unless absolute. */
    @WithName("rules.dir")
    @WithDefault("rules")
    String rulesDir();

    /** Folder of {@code *.dmn} files, relative to the working directory unless absolute. */
    @WithName("dmn.dir")
    @WithDefault("dmn")
    String dmnDir();
}
