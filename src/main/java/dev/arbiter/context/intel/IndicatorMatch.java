package dev.arbiter.context.intel;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * An indicator that lists an alert's address or file hash. Expiry is judged by the caller against the decision
 * time, so cached matches stay valid whatever the time.
 */
public record IndicatorMatch(UUID indicatorId, String type, String value, String source, int confidence,
                             Instant validUntil) {

    /** The most trusted first: higher confidence, then the narrower entry (an address before its block), then source. */
    public static final Comparator<IndicatorMatch> BEST_FIRST = Comparator.comparingInt(IndicatorMatch::confidence).reversed()
            .thenComparing(m -> "cidr".equals(m.type()))
            .thenComparing(IndicatorMatch::source)
            .thenComparing(IndicatorMatch::value);

    /** Whether the indicator still applies at this instant: not yet at or past its expiry. */
    public boolean activeAt(Instant instant) {
        return validUntil == null || instant.isBefore(validUntil);
    }
}
