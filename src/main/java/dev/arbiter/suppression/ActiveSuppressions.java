package dev.arbiter.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.arbiter.intake.Alert;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * The suppressions that can still apply, read through a short-lived cache: reading them cost every alert a statement
 * and 4 % of the service's Java samples under load (issue #9). The cached list holds every suppression neither revoked
 * nor expired when it was read; whether one is active is decided against each decision's own time, so an expiry needs
 * no reload. Creating or revoking a suppression empties the cache once committed; another replica sees the change
 * when its entry expires ({@code quarkus.cache.caffeine."suppressions".expire-after-write}, 5 s). A decision time
 * earlier than the read (a clock set back) reads the database.
 */
@ApplicationScoped
class ActiveSuppressions {

    static final String CACHE = "suppressions";
    private static final String KEY = "unended";

    private final CaffeineCache cache;
    private final SuppressionRepository suppressions;
    /** Counts committed changes, so that a list read before one is never cached after it. */
    private final AtomicLong changes = new AtomicLong();

    ActiveSuppressions(@CacheName(CACHE) Cache cache, SuppressionRepository suppressions) {
        this.cache = cache.as(CaffeineCache.class);
        this.suppressions = suppressions;
    }

    /** What matching needs of a suppression. */
    record Entry(UUID id, String source, String category, String host, String user, String titleContains, String reason,
                 Instant createdAt, Instant expiresAt) {

        static Entry of(Suppression s) {
            return new Entry(s.id, s.source, s.category, s.host, s.user, s.titleContains, s.reason, s.createdAt, s.expiresAt);
        }

        boolean activeAt(Instant instant) {
            return !createdAt.isAfter(instant) && expiresAt.isAfter(instant);
        }

        /** Whether every field the suppression gives matches the alert. */
        boolean matches(Alert alert) {
            Alert.Entities entities = alert.entitiesOrEmpty();
            return (source == null || source.equals(alert.source()))
                    && (category == null || category.equals(alert.category().wireName()))
                    && (host == null || entities.hostsOrEmpty().stream().anyMatch(h ->
                            host.equalsIgnoreCase(h.hostname()) || host.equalsIgnoreCase(h.ip())))
                    && (user == null || entities.usersOrEmpty().stream().anyMatch(u -> user.equalsIgnoreCase(u.name())))
                    && (titleContains == null
                            || alert.title().toLowerCase(Locale.ROOT).contains(titleContains.toLowerCase(Locale.ROOT)));
        }
    }

    private record Snapshot(Instant readAt, List<Entry> entries) {
    }

    /** The suppressions active at the instant, oldest first. */
    List<Entry> at(Instant instant) {
        CompletableFuture<Object> cached = cache.getIfPresent(KEY);
        Snapshot snapshot = cached != null ? (Snapshot) cached.join() : null;
        if (snapshot == null || instant.isBefore(snapshot.readAt())) {
            long before = changes.get();
            snapshot = new Snapshot(instant, suppressions.unendedAt(instant).stream().map(Entry::of).toList());
            if (cached == null && changes.get() == before) {
                cache.put(KEY, CompletableFuture.completedFuture(snapshot));
            }
        }
        return snapshot.entries().stream().filter(e -> e.activeAt(instant)).toList();
    }

    void afterChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) SuppressionsChanged change) {
        changes.incrementAndGet();
        cache.invalidateAll().await().indefinitely();
    }

    /** Fired when a suppression is created or revoked. */
    record SuppressionsChanged() {
    }
}
