package dev.arbiter.context.asset;

/**
 * The asset an alert's host was matched to, and how: by {@code hostname}, by exact {@code ip}, or by a {@code cidr}
 * block. Immutable, so the context cache can hand it to every request.
 *
 * @param matchedOn the host name, address or block that matched
 */
public record AssetMatch(String assetId, String matchedBy, String matchedOn, String criticality, String environment,
                         String exposure, String ownerTeam, String missionImpact, String safetyImpact) {
}
