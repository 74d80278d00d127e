package dev.arbiter.context;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;

/**
 * The read-through caches of context look-ups (Caffeine, short TTL set in {@code application.properties}). A write
 * on this replica drops the caches of its kind after commit; other replicas see the change when their entries expire.
 * One cache per look-up, because a cache key is the look-up's argument alone.
 */
@ApplicationScoped
public class ContextCaches {

    public static final String ASSETS_BY_HOSTNAME = "context-assets-by-hostname";
    public static final String ASSETS_BY_ADDRESS = "context-assets-by-address";
    public static final String IDENTITIES = "context-identities";
    public static final String INDICATORS_BY_ADDRESS = "context-indicators-by-address";
    public static final String INDICATORS_BY_VALUE = "context-indicators-by-value";

    private final CacheManager caches;

    ContextCaches(CacheManager caches) {
        this.caches = caches;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) InventoryChanged change) {
        List<String> names = switch (change) {
            case ASSETS -> List.of(ASSETS_BY_HOSTNAME, ASSETS_BY_ADDRESS);
            case IDENTITIES -> List.of(IDENTITIES);
            case INDICATORS -> List.of(INDICATORS_BY_ADDRESS, INDICATORS_BY_VALUE);
        };
        for (String name : names) {
            caches.getCache(name).map(Cache::invalidateAll).ifPresent(done -> done.await().indefinitely());
        }
    }
}
