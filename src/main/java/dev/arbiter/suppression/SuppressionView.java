package dev.arbiter.suppression;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A suppression as the API returns it, with whether it applies now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuppressionView(UUID id, SuppressionData.Matcher matcher, String reason, Instant createdAt,
                              String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy, boolean active) {

    static SuppressionView of(Suppression s, Instant now) {
        return new SuppressionView(s.id, new SuppressionData.Matcher(s.source, s.category, s.host, s.user, s.titleContains),
                s.reason, s.createdAt, s.createdBy, s.expiresAt, s.revokedAt, s.revokedBy, s.activeAt(now));
    }

    /** Suppressions, newest first. */
    public record Page(List<SuppressionView> items) {
    }
}
