package dev.arbiter.context.asset;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An asset as the API returns it: host names in lower case, addresses and blocks normalised. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetView(String id, List<String> hostnames, List<String> addresses, String criticality,
                        String environment, String exposure, String ownerTeam, String missionImpact,
                        String safetyImpact, Instant createdAt, Instant updatedAt) {

    static AssetView of(Asset asset) {
        return new AssetView(asset.id, asset.hostnames.stream().sorted().toList(),
                asset.networks.stream().map(n -> n.text).sorted().toList(), asset.criticality, asset.environment,
                asset.exposure, asset.ownerTeam, asset.missionImpact, asset.safetyImpact, asset.createdAt, asset.updatedAt);
    }

    /** One page of assets, by id; {@code nextCursor} is absent on the last page. */
    public record Page(List<AssetView> items, String nextCursor) {
    }
}
