package dev.arbiter.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what the alert API accepts. */
@ConfigMapping(prefix = "arbiter.intake")
public interface IntakeConfig {

    /** Largest accepted request body in bytes; larger bodies get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Most entities (hosts, users, IPs, files and CVEs together) one alert may name. */
    @WithDefault("100")
    int maxEntities();

    /** Most documents (non-blank lines) one {@code application/x-ndjson} batch may carry; more get 413. */
    @WithDefault("1000")
    int maxBatchLines();

    /** Largest accepted batch body in bytes; larger batches get 413. Each line must also fit {@link #maxBodyBytes()}. */
    @WithDefault("10485760")
    int maxBatchBytes();

    /** How long a completed Idempotency-Key is remembered, in hours. */
    @WithDefault("24")
    int idempotencyKeyHours();

    /** After how many seconds an in-flight Idempotency-Key whose request never finished may be taken over. */
    @WithDefault("300")
    int idempotencyInFlightSeconds();
}
