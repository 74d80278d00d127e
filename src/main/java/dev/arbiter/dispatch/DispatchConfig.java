package dev.arbiter.dispatch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where actions go, how they are signed, and how hard Arbiter tries (see README, "Dispatch"). */
@ConfigMapping(prefix = "arbiter.dispatch")
public interface DispatchConfig {

    /** How often each replica's worker looks for due deliveries ({@code 2s}); {@code off} stops the schedule. */
    @WithDefault("2s")
    String interval();

    /** How often succeeded deliveries past the {@link #retention()} are deleted ({@code 1h}); {@code off} stops it. */
    @WithDefault("1h")
    String purgeInterval();

    /** At most this many deliveries are claimed, and sent in parallel, per run. */
    @WithDefault("20")
    int batchSize();

    /**
     * How long a succeeded delivery and its attempts stay in the outbox; older ones are deleted (their story stays in
     * the audit log). Dead letters and unsettled deliveries are never deleted.
     */
    @WithDefault("P30D")
    Duration retention();

    /** How long a claim holds before another worker may take the delivery over; must exceed every timeout. */
    @WithDefault("2m")
    Duration lease();

    /** Time allowed to open a connection to a receiver. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for a receiver to answer, unless its responder sets its own. */
    @WithDefault("10s")
    Duration timeout();

    /** Retries. */
    Retry retry();

    /** Responders by action type ({@code arbiter.dispatch.responders."isolate-host".url}). */
    Map<String, Responder> responders();

    /** The responder for action types that have none of their own; without it such actions are {@code no-responder}. */
    Optional<Responder> defaultResponder();

    /** Callbacks to requesters. */
    Callback callback();

    /** Exponential backoff with full jitter: attempt n waits a random time in (0, min(cap, base × 2^(n−1))]. */
    interface Retry {

        /** The first retry's ceiling. */
        @WithDefault("5s")
        Duration base();

        /** No wait is longer than this. */
        @WithDefault("15m")
        Duration cap();

        /** After this many failed attempts a delivery is dead-lettered. */
        @WithDefault("10")
        int maxAttempts();

        /** A receiver's {@code Retry-After} is honoured up to this wait (a longer one is cut to it). */
        @WithDefault("1h")
        Duration maxRetryAfter();
    }

    /** A webhook receiver for one or more action types. */
    interface Responder {

        /** Where the action is POSTed (http or https). */
        URI url();

        /** The HMAC-SHA256 key for {@code X-Arbiter-Signature}; shared with the receiver only. */
        String secret();

        /** This receiver's answer timeout, instead of {@code arbiter.dispatch.timeout}. */
        Optional<Duration> timeout();
    }

    /** Requester callbacks. */
    interface Callback {

        /** The HMAC-SHA256 key for callbacks' {@code X-Arbiter-Signature}; without it callbacks are not sent. */
        Optional<String> secret();

        /** The answer timeout for callbacks, instead of {@code arbiter.dispatch.timeout}. */
        Optional<Duration> timeout();

        /**
         * When set, callbacks go only to these hosts: a name matches exactly, a name starting with a dot
         * ({@code .example.org}) matches its subdomains. Others are marked {@code no-responder}, not sent.
         */
        Optional<List<String>> allowedHosts();
    }
}
