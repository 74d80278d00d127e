package dev.arbiter.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One delivery as the API shows it: an action to its responder or a change to the requester's callback, its status
 * ({@code queued}, {@code dispatched}, {@code failed} (retry scheduled), {@code succeeded}, {@code dead-lettered},
 * {@code no-responder}) and every attempt.
 *
 * @param event          the action type, or the decision change of a callback
 * @param nextAttemptAt  when a queued or failed delivery is tried next
 * @param leaseExpiresAt when a dispatched delivery's claim runs out and another worker may take it over
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispatchView(UUID id, String kind, UUID decisionId, UUID actionId, String event, String status,
                           String responder, String callbackUrl, Instant nextAttemptAt, Instant leaseExpiresAt,
                           String lastError, Instant createdAt, Instant updatedAt, List<Attempt> attempts) {

    /** One attempt: its number, start, duration, and the receiver's status code or the error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant startedAt, long durationMs, Integer statusCode, String error, String outcome) {
    }

    /** A list of deliveries. */
    public record Page(List<DispatchView> items) {
    }
}
