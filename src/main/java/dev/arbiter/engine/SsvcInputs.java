package dev.arbiter.engine;

import java.util.List;

/**
 * Chooses the value of each SSVC decision input from an alert's facts, and says where it came from. What is not
 * known gets a fixed default: the more urgent value wherever a wrong guess could delay a patch, and Exploitation
 * {@code none}, which is what SSVC defines as "no evidence". The defaults are part of the engine contract (see
 * {@link Assessor}).
 */
final class SsvcInputs {

    static final String EXPLOITATION = "Exploitation";
    static final String AUTOMATABLE = "Automatable";
    static final String TECHNICAL_IMPACT = "Technical Impact";
    static final String SYSTEM_EXPOSURE = "System Exposure";
    static final String SAFETY_IMPACT = "Safety Impact";
    static final String MISSION_IMPACT = "Mission Impact";
    static final String HUMAN_IMPACT = "Human Impact";
    static final String MISSION_AND_WELL_BEING_IMPACT = "Mission and Well-Being Impact";

    static final List<String> EXPLOITATION_VALUES = List.of("none", "public poc", "active");
    static final List<String> AUTOMATABLE_VALUES = List.of("no", "yes");
    static final List<String> TECHNICAL_IMPACT_VALUES = List.of("partial", "total");
    /** Least to most exposed. */
    static final List<String> EXPOSURE_VALUES = List.of("small", "controlled", "open");

    static final String DEFAULT_EXPLOITATION = "none";
    static final String DEFAULT_AUTOMATABLE = "yes";
    static final String DEFAULT_TECHNICAL_IMPACT = "total";
    static final String DEFAULT_EXPOSURE = "open";
    static final String DEFAULT_SAFETY_IMPACT = "catastrophic";
    static final String DEFAULT_MISSION_IMPACT = "mission failure";
    static final String DEFAULT_MISSION_AND_WELL_BEING_IMPACT = "high";

    private static final String NOT_IMPORTED = "no SSVC options imported for %s; assumed %s, the more urgent value";
    private static final String NO_ASSET_VALUE = "the asset inventory records no %s for hosts; assumed %s, the most conservative value";

    private SsvcInputs() {
    }

    /** Exploitation, Automatable and Technical Impact of one CVE. A CVE in KEV is actively exploited, whatever was imported. */
    static List<SsvcInput> ofVulnerability(VulnerabilityFact fact) {
        SsvcInput exploitation;
        if (fact.inKev()) {
            exploitation = new SsvcInput(EXPLOITATION, "active", SsvcInput.KEV,
                    fact.cve() + " is in CISA's Known Exploited Vulnerabilities catalog"
                            + (fact.kevDateAdded() != null ? " since " + fact.kevDateAdded() : ""));
        } else if (isOneOf(EXPLOITATION_VALUES, fact.exploitation())) {
            exploitation = new SsvcInput(EXPLOITATION, fact.exploitation(), SsvcInput.SSVC_IMPORT, null);
        } else {
            exploitation = new SsvcInput(EXPLOITATION, DEFAULT_EXPLOITATION, SsvcInput.DEFAULT,
                    "not in KEV and no SSVC options imported for " + fact.cve() + ": no evidence of exploitation");
        }
        return List.of(exploitation,
                imported(AUTOMATABLE, fact.automatable(), AUTOMATABLE_VALUES, DEFAULT_AUTOMATABLE, fact.cve()),
                imported(TECHNICAL_IMPACT, fact.technicalImpact(), TECHNICAL_IMPACT_VALUES, DEFAULT_TECHNICAL_IMPACT, fact.cve()));
    }

    private static SsvcInput imported(String name, String value, List<String> allowed, String fallback, String cve) {
        return isOneOf(allowed, value)
                ? new SsvcInput(name, value, SsvcInput.SSVC_IMPORT, null)
                : new SsvcInput(name, fallback, SsvcInput.DEFAULT, NOT_IMPORTED.formatted(cve, fallback));
    }

    /**
     * System Exposure, Safety Impact and Mission Impact of the alert's hosts. Exposure is the most exposed host's;
     * a host whose exposure is unknown counts as open, and so does an alert without hosts. Host facts carry no safety
     * or mission impact yet, so both are the most conservative values.
     */
    static List<SsvcInput> ofHosts(List<HostFact> hosts) {
        return List.of(exposure(hosts),
                new SsvcInput(SAFETY_IMPACT, DEFAULT_SAFETY_IMPACT, SsvcInput.DEFAULT,
                        NO_ASSET_VALUE.formatted("safety impact", DEFAULT_SAFETY_IMPACT)),
                new SsvcInput(MISSION_IMPACT, DEFAULT_MISSION_IMPACT, SsvcInput.DEFAULT,
                        NO_ASSET_VALUE.formatted("mission impact", DEFAULT_MISSION_IMPACT)));
    }

    private static SsvcInput exposure(List<HostFact> hosts) {
        if (hosts.isEmpty()) {
            return new SsvcInput(SYSTEM_EXPOSURE, DEFAULT_EXPOSURE, SsvcInput.DEFAULT,
                    "the alert names no host; assumed " + DEFAULT_EXPOSURE + ", the most exposed value");
        }
        SsvcInput worst = null;
        for (HostFact host : hosts) {
            SsvcInput candidate = isOneOf(EXPOSURE_VALUES, host.exposure())
                    ? new SsvcInput(SYSTEM_EXPOSURE, host.exposure(), SsvcInput.ASSET, host.label())
                    : new SsvcInput(SYSTEM_EXPOSURE, DEFAULT_EXPOSURE, SsvcInput.DEFAULT,
                            "the exposure of " + host.label() + " is unknown; assumed " + DEFAULT_EXPOSURE + ", the most exposed value");
            if (worst == null || moreExposed(candidate, worst)) {
                worst = candidate;
            }
        }
        return worst;
    }

    /** More exposed wins; at equal exposure a value the inventory knows beats a default. */
    private static boolean moreExposed(SsvcInput candidate, SsvcInput worst) {
        int rank = EXPOSURE_VALUES.indexOf(candidate.value()) - EXPOSURE_VALUES.indexOf(worst.value());
        return rank > 0 || rank == 0 && SsvcInput.ASSET.equals(candidate.source()) && SsvcInput.DEFAULT.equals(worst.source());
    }

    /** Null-safe: immutable lists refuse to look for null. */
    private static boolean isOneOf(List<String> values, String value) {
        return value != null && values.contains(value);
    }

    /** Mission and Well-Being Impact, for the Coordinator tree: nothing records it, so the most conservative value. */
    static SsvcInput missionAndWellBeing() {
        return new SsvcInput(MISSION_AND_WELL_BEING_IMPACT, DEFAULT_MISSION_AND_WELL_BEING_IMPACT, SsvcInput.DEFAULT,
                "nothing records mission prevalence or public well-being impact; assumed "
                        + DEFAULT_MISSION_AND_WELL_BEING_IMPACT + ", the most conservative value");
    }

    /** Human Impact as the Deployer model's helper table derived it. */
    static SsvcInput humanImpact(String value) {
        return new SsvcInput(HUMAN_IMPACT, value, SsvcInput.DERIVED, "Human Impact table: Safety Impact by Mission Impact");
    }
}
