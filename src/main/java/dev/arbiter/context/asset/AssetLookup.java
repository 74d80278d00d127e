package dev.arbiter.context.asset;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.ContextCaches;
import dev.arbiter.context.Network;
import io.quarkus.cache.CacheResult;

/**
 * Matches an alert's host to an asset: by host name (case-insensitive), else by address, where an exact address
 * beats the narrowest CIDR block holding it. Read-through cached ({@link ContextCaches}).
 */
@ApplicationScoped
public class AssetLookup {

    private final AssetRepository assets;

    AssetLookup(AssetRepository assets) {
        this.assets = assets;
    }

    /** By host name, in any case. */
    @CacheResult(cacheName = ContextCaches.ASSETS_BY_HOSTNAME)
    public Optional<AssetMatch> byHostname(String hostname) {
        String name = hostname.toLowerCase(Locale.ROOT);
        return assets.byHostname(name).map(a -> match(a, "hostname", name));
    }

    /** By IPv4 or IPv6 address; empty for text that is not an address. */
    @CacheResult(cacheName = ContextCaches.ASSETS_BY_ADDRESS)
    public Optional<AssetMatch> byAddress(String address) {
        Optional<Network> parsed = Network.address(address);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return assets.byAddress(parsed.get()).map(row -> {
            Asset asset = (Asset) row[0];
            int prefix = ((Number) row[2]).intValue();
            boolean exact = prefix == (parsed.get().family() == 4 ? 32 : 128);
            return match(asset, exact ? "ip" : "cidr", (String) row[1]);
        });
    }

    private static AssetMatch match(Asset asset, String by, String on) {
        return new AssetMatch(asset.id, by, on, asset.criticality, asset.environment, asset.exposure, asset.ownerTeam,
                asset.missionImpact, asset.safetyImpact);
    }
}
