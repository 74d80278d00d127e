package dev.arbiter.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Constraints;
import dev.arbiter.common.Digests;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key claims it; a retry with the same key and body replays the first answer; the same key with another
 * body is refused with 422; a retry while the first is still running gets 409. Completed keys are remembered for a
 * configurable time; a key whose request died mid-way can be retried after a grace period.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";

    private final IdempotencyRepository records;
    private final Clock clock;
    private final Duration remembered;
    private final Duration inFlightGrace;

    IdempotencyService(IdempotencyRepository records, Clock clock, IntakeConfig config) {
        this.records = records;
        this.clock = clock;
        this.remembered = Duration.ofHours(config.idempotencyKeyHours());
        this.inFlightGrace = Duration.ofSeconds(config.idempotencyInFlightSeconds());
    }

    /**
     * The key as stored: scoped to the client, so two clients choosing the same key never see each other's answers.
     *
     * @throws ProblemException 400 when the header value is not a usable key
     */
    public static String scoped(dev.arbiter.common.Principal principal, String headerValue) {
        return principal.kind() + ":" + principal.id() + "|" + parseKey(headerValue);
    }

    /** A finished request to replay: its status and decision. */
    public record Replay(int status, UUID decisionId) {
    }

    /**
     * Claims the (scoped) key for this body. Empty means "go ahead and process, then {@link #complete} or {@link #release}";
     * a value means "replay this".
     */
    public Optional<Replay> claim(String key, byte[] body) {
        String fingerprint = fingerprint(body);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<IdempotencyRecord> seen = QuarkusTransaction.requiringNew().call(() -> records.findByIdOptional(key));
            if (seen.isEmpty()) {
                if (insert(key, fingerprint)) {
                    return Optional.empty();
                }
                continue; // another request inserted it first: look again
            }
            IdempotencyRecord record = seen.get();
            Instant now = clock.instant();
            if (record.createdAt.plus(remembered).isBefore(now)) {
                QuarkusTransaction.requiringNew().run(() -> records.deleteById(key));
                continue;
            }
            if (!record.fingerprint.equals(fingerprint)) {
                throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used with a different request body; use a new key for a new request"));
            }
            if (IdempotencyRecord.DONE.equals(record.state)) {
                return Optional.of(new Replay(record.responseStatus, record.decisionId));
            }
            if (record.createdAt.plus(inFlightGrace).isBefore(now)
                    && QuarkusTransaction.requiringNew().call(() -> records.takeOver(key, record.createdAt, now))) {
                return Optional.empty();
            }
            throw new ProblemException(Problem.of(409, "idempotency-key-in-flight", "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry later"));
        }
        throw new ProblemException(Problem.of(409, "idempotency-key-in-flight", "Request in progress",
                "A request with this Idempotency-Key is being processed concurrently; retry later"));
    }

    /** Records the answer so retries replay it. */
    public void complete(String key, int status, UUID decisionId) {
        QuarkusTransaction.requiringNew().run(() -> {
            IdempotencyRecord record = records.findById(key);
            if (record != null) {
                record.state = IdempotencyRecord.DONE;
                record.responseStatus = status;
                record.decisionId = decisionId;
            }
        });
    }

    /** Forgets a claim whose request failed, so the client may retry with the same key. */
    public void release(String key) {
        QuarkusTransaction.requiringNew().run(() -> records.delete("key = ?1 and state = ?2", key, IdempotencyRecord.IN_FLIGHT));
    }

    private boolean insert(String key, String fingerprint) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                IdempotencyRecord record = new IdempotencyRecord();
                record.key = key;
                record.fingerprint = fingerprint;
                record.state = IdempotencyRecord.IN_FLIGHT;
                record.createdAt = clock.instant();
                records.persist(record);
                records.flush();
            });
            return true;
        } catch (RuntimeException e) {
            if (Constraints.violated(e, null)) {
                return false;
            }
            throw e;
        }
    }

    /** The key: the draft sends it as a structured-field string, so surrounding quotes are removed. */
    static String parseKey(String headerValue) {
        String key = headerValue.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new ProblemException(Problem.of(400, "bad-idempotency-key", "Bad Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters"));
        }
        return key;
    }

    static String fingerprint(byte[] body) {
        return "sha256:" + Digests.sha256Hex(body);
    }
}
