package dev.arbiter.context.intel;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.ContextCaches;
import dev.arbiter.context.Network;
import io.quarkus.cache.CacheResult;

/**
 * Finds the indicators listing an alert's IP address (exact, or inside a listed CIDR block) or file hash.
 * Read-through cached; expired indicators are returned too, for the caller to judge against the decision time.
 */
@ApplicationScoped
public class IndicatorLookup {

    private final IndicatorRepository indicators;

    IndicatorLookup(IndicatorRepository indicators) {
        this.indicators = indicators;
    }

    @CacheResult(cacheName = ContextCaches.INDICATORS_BY_ADDRESS)
    public List<IndicatorMatch> byAddress(String address) {
        return Network.address(address).map(a -> indicators.holding(a).stream().map(IndicatorLookup::match).toList())
                .orElse(List.of());
    }

    @CacheResult(cacheName = ContextCaches.INDICATORS_BY_HASH)
    public List<IndicatorMatch> bySha256(String sha256) {
        return indicators.byValue("sha256", sha256.toLowerCase(Locale.ROOT)).stream().map(IndicatorLookup::match).toList();
    }

    private static IndicatorMatch match(Indicator i) {
        return new IndicatorMatch(i.id, i.type, i.value, i.source, i.confidence, i.validUntil);
    }
}
