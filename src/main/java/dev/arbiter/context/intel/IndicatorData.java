package dev.arbiter.context.intel;

import java.time.Instant;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An indicator as the API and the imports take it. The value must fit the type; it is normalised before storing
 * (addresses and blocks to canonical text, domains and hashes to lower case).
 *
 * @param type       ipv4, ipv6, cidr (IPv4 or IPv6 block), domain, url, sha256 or md5
 * @param confidence 0 to 100; 50 when absent
 * @param validUntil the expiry: from then on the indicator no longer matches; absent means it does not expire
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorData(
        @NotNull @Pattern(regexp = TYPES, message = "must be one of ipv4, ipv6, cidr, domain, url, sha256, md5") String type,
        @NotBlank @Size(max = 2048) String value,
        @NotBlank @Size(max = 200) String source,
        @Min(0) @Max(100) Integer confidence,
        Instant validUntil,
        @Size(max = 1000) String description) {

    static final String TYPES = "ipv4|ipv6|cidr|domain|url|sha256|md5";
    static final int DEFAULT_CONFIDENCE = 50;

    public IndicatorData {
        type = type != null ? type.trim().toLowerCase(Locale.ROOT) : null;
        value = value != null ? value.trim() : null;
        source = source != null ? source.trim() : null;
        description = description != null && !description.isBlank() ? description.trim() : null;
    }

    int confidenceOrDefault() {
        return confidence != null ? confidence : DEFAULT_CONFIDENCE;
    }
}
