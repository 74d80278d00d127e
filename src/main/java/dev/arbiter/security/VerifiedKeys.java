package dev.arbiter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * API keys whose secret matched recently, so that a machine client's requests do not each cost a transaction and two
 * look-ups (issue #9). An entry is what the key was when its secret last matched the stored hash; it lives for
 * {@code quarkus.cache.caffeine."api-keys".expire-after-write} (5 s). A presented secret is still compared with the
 * hash, and expiry is still checked against the clock, on every request. Any failure for a key drops its entry, so the
 * next attempt goes to the database and meets the lock-out; a revocation drops it once committed. Another replica
 * honours a revocation or a lock-out at the latest when its entry expires.
 */
@ApplicationScoped
class VerifiedKeys {

    static final String CACHE = "api-keys";

    private final CaffeineCache cache;

    VerifiedKeys(@CacheName(CACHE) Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    /** What authentication needs of a key whose secret matched. */
    record Verified(UUID id, String keyId, String name, String secretHash, Set<String> roles, Instant expiresAt,
                    Instant lastUsedAt) {

        static Verified of(ApiKey key) {
            return new Verified(key.id, key.keyId, key.name, key.secretHash, Credentials.roles(key.roles), key.expiresAt,
                    key.lastUsedAt);
        }

        boolean accepts(byte[] presentedHash, Instant now) {
            return MessageDigest.isEqual(presentedHash, secretHash.getBytes(StandardCharsets.US_ASCII))
                    && (expiresAt == null || expiresAt.isAfter(now));
        }

        Verified usedAt(Instant now) {
            return new Verified(id, keyId, name, secretHash, roles, expiresAt, now);
        }
    }

    Optional<Verified> get(String keyId) {
        CompletableFuture<Object> cached = cache.getIfPresent(keyId);
        return cached == null ? Optional.empty() : Optional.of((Verified) cached.join());
    }

    void remember(Verified key) {
        cache.put(key.keyId(), CompletableFuture.completedFuture(key));
    }

    void forget(String keyId) {
        cache.invalidate(keyId).await().indefinitely();
    }

    void afterRevocation(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApiKeyRevoked revoked) {
        forget(revoked.keyId());
    }

    /** Fired when a key is revoked; its cached entry goes once the revocation has committed. */
    record ApiKeyRevoked(String keyId) {
    }
}
