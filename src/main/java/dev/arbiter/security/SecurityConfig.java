package dev.arbiter.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Authentication settings: the bootstrap admin, lock-out after failed attempts, and the console's sessions. */
@ConfigMapping(prefix = "arbiter.security")
public interface SecurityConfig {

    /** The admin created on first start when there are no users. */
    Admin admin();

    /** Lock-out after repeated failures. */
    Lockout lockout();

    /** The console's server-side sessions. */
    Session session();

    /** Bootstrap admin. */
    interface Admin {
        /** User name of the bootstrap admin. */
        @WithDefault("admin")
        String username();

        /**
         * Its password (env ARBITER_SECURITY_ADMIN_PASSWORD). When absent, one is generated and written once to
         * {@code password-file}, never to the log.
         */
        Optional<String> password();

        /** Where a generated bootstrap password is written (readable by the service's user only). */
        @WithDefault("data/initial-admin-password")
        String passwordFile();
    }

    /** Lock-out policy. */
    interface Lockout {
        /** Failures within the window that lock the user or key. */
        @WithDefault("5")
        int maxFailures();

        /** Window for counting failures, and how long a lock lasts, in seconds. */
        @WithDefault("900")
        int windowSeconds();
    }

    /** Console sessions ({@link Sessions}); the cookie's inactivity timeout is quarkus.http.auth.form.timeout. */
    interface Session {
        /** The longest a console session lasts, however active: after it, sign in again. */
        @WithDefault("PT12H")
        java.time.Duration maxAge();

        /** How long the sign-in hand-off after the identity provider's redirect may take. */
        @WithDefault("PT1M")
        java.time.Duration handoff();
    }
}
