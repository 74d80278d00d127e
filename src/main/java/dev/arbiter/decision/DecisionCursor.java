package dev.arbiter.decision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.arbiter.common.ProblemException;

/**
 * An opaque position in the decision listing: the (decidedAt, id) of the last item of a page. Keyset pagination, so
 * decisions inserted while a client pages never shift or repeat items.
 */
record DecisionCursor(Instant decidedAt, UUID id) {

    static DecisionCursor of(StoredDecision decision) {
        return new DecisionCursor(decision.decidedAt, decision.id);
    }

    String encode() {
        String raw = decidedAt.getEpochSecond() + ":" + decidedAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a cursor from a previous page, or answers 400 naming the parameter. */
    static DecisionCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new DecisionCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
