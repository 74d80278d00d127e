package dev.arbiter.intake;

import java.time.Duration;
import java.util.Set;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes the HTTP latency of alert submissions ({@code POST /api/v1/alerts} and {@code /api/v1/intake/{format}}) in
 * {@code /q/metrics} as a histogram, so that a monitoring system can compute their percentiles over any window and
 * replica. Other requests keep the count, total and maximum that Quarkus publishes for every route.
 */
@Singleton
class SubmissionLatency implements MeterFilter {

    private static final Set<String> SUBMISSIONS = Set.of("/api/v1/alerts", "/api/v1/intake/{format}");

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!"http.server.requests".equals(id.getName()) || !"POST".equals(id.getTag("method"))
                || !SUBMISSIONS.contains(id.getTag("uri"))) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(true)
                .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                .build()
                .merge(config);
    }
}
