package dev.arbiter.context.intel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.ContextCaches;
import dev.arbiter.context.Network;
import io.quarkus.cache.CacheResult;

/**
 * Finds the indicators listing an alert's IP address (exact, or inside a listed CIDR block), or a value of another
 * type exactly (a file hash, a domain, a URL in {@link Urls#canonical canonical form}). Read-through cached; expired
 * indicators are returned too, for the caller to judge against the decision time.
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

    /** Indicators of this type (sha256, md5, domain or url) whose stored value is exactly this one. */
    @CacheResult(cacheName = ContextCaches.INDICATORS_BY_VALUE)
    public List<IndicatorMatch> byValue(String type, String value) {
        return indicators.byValue(type, value).stream().map(IndicatorLookup::match).toList();
    }

    private static IndicatorMatch match(Indicator i) {
        return new IndicatorMatch(i.id, i.type, i.value, i.source, i.confidence, i.validUntil);
    }
}
