package dev.arbiter.engine;

import java.util.List;
import java.util.function.Function;

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
    /** Least to most severe. */
    static final List<String> SAFETY_IMPACT_VALUES = List.of("negligible", "marginal", "critical", "catastrophic");
    /** Least to most severe. */
    static final List<String> MISSION_IMPACT_VALUES = List.of("degraded", "mef support crippled", "mef failure", "mission failure");

    static final String DEFAULT_EXPLOITATION = "none";
    static final String DEFAULT_AUTOMATABLE = "yes";
    static final String DEFAULT_TECHNICAL_IMPACT = "total";
    static final String DEFAULT_EXPOSURE = "open";
    static final String DEFAULT_SAFETY_IMPACT = "catastrophic";
    static final String DEFAULT_MISSION_IMPACT = "mission failure";
    static final String DEFAULT_MISSION_AND_WELL_BEING_IMPACT = "high";

    private static final String NOT_IMPORTED = "no SSVC options imported for %s; assumed %s, the more urgent value";

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
     * System Exposure, Safety Impact and Mission Impact of the alert's hosts. Each is the worst value over the hosts
     * (most exposed, most severe), as a patch for the worst-placed host cannot wait for the others. A host whose
     * value the inventory does not record counts as the most conservative value, and so does an alert without hosts.
     */
    static List<SsvcInput> ofHosts(List<HostFact> hosts) {
        return List.of(
                worst(hosts, SYSTEM_EXPOSURE, "exposure", HostFact::exposure, EXPOSURE_VALUES, DEFAULT_EXPOSURE),
                worst(hosts, SAFETY_IMPACT, "safety impact", HostFact::safetyImpact, SAFETY_IMPACT_VALUES, DEFAULT_SAFETY_IMPACT),
                worst(hosts, MISSION_IMPACT, "mission impact", HostFact::missionImpact, MISSION_IMPACT_VALUES, DEFAULT_MISSION_IMPACT));
    }

    private static SsvcInput worst(List<HostFact> hosts, String name, String what, Function<HostFact, String> value,
                                   List<String> leastToMost, String fallback) {
        if (hosts.isEmpty()) {
            return new SsvcInput(name, fallback, SsvcInput.DEFAULT,
                    "the alert names no host; assumed " + fallback + ", the most conservative value");
        }
        SsvcInput worst = null;
        for (HostFact host : hosts) {
            String known = value.apply(host);
            SsvcInput candidate = isOneOf(leastToMost, known)
                    ? new SsvcInput(name, known, SsvcInput.ASSET, host.label())
                    : new SsvcInput(name, fallback, SsvcInput.DEFAULT,
                            "the asset inventory records no " + what + " for " + host.label() + "; assumed " + fallback
                                    + ", the most conservative value");
            if (worst == null || isWorse(candidate, worst, leastToMost)) {
                worst = candidate;
            }
        }
        return worst;
    }

    /** The higher value wins; at equal value one the inventory knows beats a default. */
    private static boolean isWorse(SsvcInput candidate, SsvcInput worst, List<String> leastToMost) {
        int rank = leastToMost.indexOf(candidate.value()) - leastToMost.indexOf(worst.value());
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
