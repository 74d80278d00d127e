package dev.arbiter.engine;

import java.util.List;

/**
 * The SSVC decisions for one CVE of a vulnerability alert: the Deployer patch application priority and the CISA
 * Coordinator level, the inputs both used, and the table rows that matched.
 *
 * @param cve           the CVE id
 * @param inputs        every input of both trees, Human Impact included, with its source
 * @param patchPriority Deployer outcome: defer, scheduled, out-of-cycle or immediate
 * @param cisaLevel     Coordinator outcome: track, track*, attend or act
 * @param matchedRules  the ids of the SSVC table rows that matched
 */
public record SsvcDecision(String cve, List<SsvcInput> inputs, String patchPriority, String cisaLevel,
                           List<String> matchedRules) {

    /** Deployer outcomes, least to most urgent. */
    public static final List<String> PATCH_PRIORITIES = List.of("defer", "scheduled", "out-of-cycle", "immediate");
    /** Coordinator outcomes, least to most urgent. */
    public static final List<String> CISA_LEVELS = List.of("track", "track*", "attend", "act");
    /** The {@code SSVC Patch Priority} table input when the alert has no SSVC decision. */
    public static final String NO_PATCH_PRIORITY = "none";

    public SsvcDecision {
        inputs = List.copyOf(inputs);
        matchedRules = List.copyOf(matchedRules);
    }

    /** The most urgent patch priority of these decisions, {@value #NO_PATCH_PRIORITY} when there are none. */
    public static String mostUrgentPatchPriority(List<SsvcDecision> decisions) {
        return decisions.stream().map(SsvcDecision::patchPriority)
                .max(java.util.Comparator.comparingInt(PATCH_PRIORITIES::indexOf))
                .orElse(NO_PATCH_PRIORITY);
    }

    /** The most urgent CISA level of these decisions, null when there are none. */
    public static String mostUrgentCisaLevel(List<SsvcDecision> decisions) {
        return decisions.stream().map(SsvcDecision::cisaLevel)
                .max(java.util.Comparator.comparingInt(CISA_LEVELS::indexOf))
                .orElse(null);
    }
}
