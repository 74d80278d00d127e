package dev.arbiter.audit;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sealing, checkpoints, the signing key and retention of the audit log. */
@ConfigMapping(prefix = "arbiter.audit")
public interface AuditConfig {

    /** How often every replica runs the sealer (one seals at a time); {@code off} stops it (tests call it). */
    @WithDefault("1s")
    String sealInterval();

    /** Events sealed per transaction (200: short transactions beside the decisions being stored; issue #9). */
    @WithDefault("200")
    int sealBatch();

    /**
     * How long the scheduled sealer rests after a full batch, as a multiple of the time that batch took (0: none), so
     * that a backlog is sealed in steps beside the decisions being stored rather than in one burst.
     */
    @WithDefault("1")
    double sealRest();

    /**
     * How long the sealer waits at a gap in the sequence numbers (a transaction that took its number but has not
     * committed yet) before sealing past it; an event that commits later is still sealed, only further down.
     */
    @WithDefault("PT5S")
    Duration sealGapGrace();

    /** Write a signed checkpoint after this many newly sealed events… */
    @WithDefault("1000")
    int checkpointEvents();

    /** …or when this much time has passed since the last one and events were sealed since. */
    @WithDefault("PT60S")
    Duration checkpointInterval();

    /** The Ed25519 signing key, PKCS#8 as PEM or base64 (env ARBITER_AUDIT_SIGNING_KEY). Overrides the file. */
    Optional<String> signingKey();

    /**
     * The signing key file (PKCS#8 PEM). Created with a new key pair on first start when missing (readable by the
     * service's user only), with the public key next to it ({@code .pub}). Replicas must share one key.
     */
    @WithDefault("data/audit-signing-key.pem")
    String signingKeyFile();

    /** Events older than this are archived and deleted (e.g. {@code P400D}); absent: kept forever. */
    Optional<Duration> retention();

    /** How often retention runs when {@code retention} is set. */
    @WithDefault("1h")
    String retentionInterval();

    /** Where retention writes its JSON Lines archives. */
    @WithDefault("data/audit-archive")
    String archiveDir();
}
