package dev.arbiter.approval;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.arbiter.common.ProblemException;

/** An opaque position in the approval listing: the (deadline, id) of the last item of a page (keyset pagination). */
record ApprovalCursor(Instant deadline, UUID id) {

    static ApprovalCursor of(ApprovalRequest request) {
        return new ApprovalCursor(request.deadline, request.id);
    }

    String encode() {
        String raw = deadline.getEpochSecond() + ":" + deadline.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a cursor from a previous page, or answers 422 naming the parameter. */
    static ApprovalCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new ApprovalCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
