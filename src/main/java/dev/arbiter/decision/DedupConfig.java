package dev.arbiter.decision;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dedup: alerts with the same fingerprint inside the window attach to the open decision instead of a new one. */
@ConfigMapping(prefix = "arbiter.dedup")
public interface DedupConfig {

    /** How long after a decision alerts with its fingerprint attach to it (ISO-8601, {@code PT15M}); zero turns dedup off. */
    @WithDefault("PT15M")
    Duration window();

    /**
     * The alert fields the fingerprint is made of: source, title, category, severity, host (the first host),
     * hosts (all), user, users, ip, ips, file, files, or attributes.NAME. Names and addresses compare in lower case.
     */
    @WithDefault("source,title,host")
    List<String> fields();
}
