package dev.arbiter.context;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The configured context: a few assets, identities and bad indicators, keyed by hostname, account or value. */
@ConfigMapping(prefix = "arbiter.context")
public interface ContextConfig {

    /** Assets by hostname (matched case-insensitively). */
    Map<String, Asset> assets();

    /** Identities by account name (matched case-insensitively). */
    Map<String, Identity> identities();

    /** Known-bad IP addresses and SHA-256 hashes, each with the feed that lists it. */
    Map<String, String> indicators();

    /** How far back entity history counts earlier alerts, in hours. */
    @WithDefault("24")
    int historyWindowHours();

    /** One asset. */
    interface Asset {
        /** crown-jewel, high, medium or low. */
        @WithDefault("medium")
        String criticality();

        /** production, staging or development. */
        @WithDefault("production")
        String environment();

        /** SSVC system exposure: small, controlled or open. */
        @WithDefault("controlled")
        String exposure();
    }

    /** One identity. */
    interface Identity {
        @WithDefault("false")
        boolean privileged();

        @WithDefault("false")
        boolean serviceAccount();

        @WithDefault("false")
        boolean vip();
    }
}
