package dev.arbiter.dispatch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A claimed outbox row, ready to send: where, signed with which secret, with which timeout, and the claim
 * ({@code leaseToken}) its result must still match to settle the row.
 */
record Delivery(UUID id, UUID leaseToken, String kind, String event, int attempt, String responder, URI url,
                String secret, Duration timeout, String payload) {

    /**
     * What came back from one attempt: a status code, or an error in words.
     *
     * @param retryAfter how long the receiver asked to wait before the next attempt ({@code Retry-After}), or null
     */
    record Result(Instant startedAt, long durationMs, Integer statusCode, String error, Duration retryAfter) {

        Result(Instant startedAt, long durationMs, Integer statusCode, String error) {
            this(startedAt, durationMs, statusCode, error, null);
        }

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /**
         * Whether retrying cannot help: the receiver refused the request itself (a 4xx other than 408 Request
         * Timeout, 425 Too Early and 429 Too Many Requests) or redirected it (redirects are not followed).
         */
        boolean permanent() {
            return statusCode != null && !succeeded() && statusCode < 500
                    && statusCode != 408 && statusCode != 425 && statusCode != 429;
        }

        /** Status code or error, for logs, audit events and {@code lastError}. */
        String describe() {
            return statusCode != null ? "HTTP " + statusCode : error;
        }
    }
}
