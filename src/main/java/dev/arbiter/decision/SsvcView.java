package dev.arbiter.decision;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The SSVC block of a vulnerability alert's decision: the most urgent outcomes over its CVEs (the patch priority is
 * what the priority and response tables used), and per CVE the feed facts, every SSVC input with its source
 * ({@code kev}, {@code ssvc-import}, {@code asset}, {@code derived}, {@code default}) and the outcomes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SsvcView(String patchPriority, String cisaLevel, List<Vulnerability> vulnerabilities) {

    /** One CVE: what the feeds say, the inputs used, the Deployer and Coordinator outcomes and the rows that matched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vulnerability(String cve, Kev kev, Epss epss, List<Input> inputs, String patchPriority, String cisaLevel,
                                List<String> matchedRules) {
    }

    /** Present when the CVE is in CISA's KEV catalog. */
    public record Kev(LocalDate dateAdded, String knownRansomwareCampaignUse) {
    }

    /** Present when FIRST's EPSS scores the CVE. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Epss(Double score, Double percentile, LocalDate scoreDate) {
    }

    /** One decision input: SSVC decision point name, value, where it came from and, for defaults, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String name, String value, String source, String note) {
    }
}
