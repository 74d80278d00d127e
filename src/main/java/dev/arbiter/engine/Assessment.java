package dev.arbiter.engine;

import java.util.List;

/**
 * What the ruleset concluded about one alert: the risk (score, level, factors), the priority with its SLA, the
 * response actions to propose, and the explanation (rules fired, DMN rows matched).
 *
 * @param score           capped sum of the factors' points, 0 to 100
 * @param factors         one per rule that fired, in the order rules fired
 * @param firedRules      names of the Drools rules that fired, in firing order
 * @param dmn             one entry per DMN decision table evaluated, with the rows that matched
 * @param rulesetVersion  the {@code sha256:} version of the ruleset that decided
 * @param ssvc            for a vulnerability alert, the SSVC decisions per CVE; empty otherwise
 */
public record Assessment(int score, String level, List<RiskFactor> factors, String priority, int slaMinutes,
                         List<ProposedAction> actions, List<String> firedRules, List<DmnTrace> dmn,
                         String rulesetVersion, List<SsvcDecision> ssvc) {

    public Assessment {
        factors = List.copyOf(factors);
        actions = List.copyOf(actions);
        firedRules = List.copyOf(firedRules);
        dmn = List.copyOf(dmn);
        ssvc = List.copyOf(ssvc);
    }

    /** The most urgent Deployer outcome over the CVEs, as the priority and response tables saw it; {@code none} without SSVC. */
    public String ssvcPatchPriority() {
        return SsvcDecision.mostUrgentPatchPriority(ssvc);
    }
}
