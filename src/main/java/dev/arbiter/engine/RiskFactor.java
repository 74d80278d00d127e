package dev.arbiter.engine;

import java.util.Objects;

/** A named contribution to an alert's risk score, inserted by a rule: the rule, its points and the reason in words. */
public final class RiskFactor {

    private final String rule;
    private final int points;
    private final String reason;

    public RiskFactor(String rule, int points, String reason) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.points = points;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String getRule() {
        return rule;
    }

    public int getPoints() {
        return points;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return rule + " (" + points + "): " + reason;
    }
}
