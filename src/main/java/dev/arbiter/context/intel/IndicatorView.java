package dev.arbiter.context.intel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An indicator as the API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorView(UUID id, String type, String value, String source, int confidence, Instant validUntil,
                            String description, String stixId, Instant createdAt, Instant updatedAt) {

    static IndicatorView of(Indicator i) {
        return new IndicatorView(i.id, i.type, i.value, i.source, i.confidence, i.validUntil, i.description, i.stixId,
                i.createdAt, i.updatedAt);
    }

    /** One page of indicators; {@code nextCursor} is absent on the last page. */
    public record Page(List<IndicatorView> items, String nextCursor) {
    }
}
