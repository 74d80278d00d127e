package dev.arbiter.context.asset;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.arbiter.context.IpOrCidr;
import dev.arbiter.context.Vocabulary;

/**
 * An asset as the API and the imports take it. Enumerated values are accepted in any case ({@code High}) and
 * stored in lower case; at least one host name or address is needed to match alerts to the asset.
 *
 * @param id            the client's own id; in {@code PUT /api/v1/assets/{id}} it may be left out
 * @param hostnames     matched case-insensitively against alert hosts
 * @param addresses     IPv4/IPv6 addresses and CIDR blocks; the most specific block containing an alert's IP wins
 * @param exposure      SSVC System Exposure; absent means unknown
 * @param missionImpact SSVC Mission Impact; absent means unknown
 * @param safetyImpact  SSVC Safety Impact; absent means unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetData(
        @Pattern(regexp = Vocabulary.ID_PATTERN, message = Vocabulary.ID_MESSAGE) String id,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Vocabulary.HOSTNAME_PATTERN, message = Vocabulary.HOSTNAME_MESSAGE) String> hostnames,
        @Size(max = 200) List<@NotNull @IpOrCidr String> addresses,
        @NotNull @Pattern(regexp = Vocabulary.CRITICALITY_PATTERN, message = Vocabulary.CRITICALITY_MESSAGE) String criticality,
        @NotNull @Pattern(regexp = Vocabulary.ENVIRONMENT_PATTERN, message = Vocabulary.ENVIRONMENT_MESSAGE) String environment,
        @Pattern(regexp = Vocabulary.EXPOSURE_PATTERN, message = Vocabulary.EXPOSURE_MESSAGE) String exposure,
        @Size(max = 200) String ownerTeam,
        @Pattern(regexp = Vocabulary.MISSION_IMPACT_PATTERN, message = Vocabulary.MISSION_IMPACT_MESSAGE) String missionImpact,
        @Pattern(regexp = Vocabulary.SAFETY_IMPACT_PATTERN, message = Vocabulary.SAFETY_IMPACT_MESSAGE) String safetyImpact) {

    public AssetData {
        hostnames = hostnames != null ? hostnames : List.of();
        addresses = addresses != null ? addresses : List.of();
        criticality = Vocabulary.normalise(criticality);
        environment = Vocabulary.normalise(environment);
        exposure = Vocabulary.normalise(exposure);
        missionImpact = Vocabulary.normalise(missionImpact);
        safetyImpact = Vocabulary.normalise(safetyImpact);
        ownerTeam = ownerTeam != null && !ownerTeam.isBlank() ? ownerTeam.trim() : null;
    }

    AssetData withId(String newId) {
        return new AssetData(newId, hostnames, addresses, criticality, environment, exposure, ownerTeam, missionImpact, safetyImpact);
    }
}
