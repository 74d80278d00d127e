package dev.arbiter.context.identity;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.ContextCaches;
import io.quarkus.cache.CacheResult;

/** Matches an alert's account to an identity, case-insensitively. Read-through cached. */
@ApplicationScoped
public class IdentityLookup {

    private final IdentityRepository identities;

    IdentityLookup(IdentityRepository identities) {
        this.identities = identities;
    }

    @CacheResult(cacheName = ContextCaches.IDENTITIES)
    public Optional<IdentityMatch> byAccount(String accountName) {
        return identities.byAccountKey(accountName.toLowerCase(Locale.ROOT))
                .map(i -> new IdentityMatch(i.id, i.accountName, i.privileged, i.serviceAccount, i.vip, i.department));
    }
}
