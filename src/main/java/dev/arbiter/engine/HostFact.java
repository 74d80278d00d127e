package dev.arbiter.engine;

/**
 * A host named by the alert, with what the context knows about it. A host the inventory does not know has
 * {@code known == false} and criticality {@code unknown}; rules and tables treat it fail-safe.
 *
 * @param hostname    as the alert gave it, may be null when only an IP is known
 * @param ip          may be null
 * @param criticality crown-jewel, high, medium, low or unknown
 * @param environment production, staging, development or unknown
 * @param exposure    SSVC system exposure: small, controlled, open or unknown
 * @param missionImpact SSVC mission impact (degraded, mef support crippled, mef failure, mission failure) or unknown
 * @param safetyImpact  SSVC safety impact (negligible, marginal, critical, catastrophic) or unknown
 */
public record HostFact(String hostname, String ip, String criticality, String environment, String exposure, boolean known,
                       String missionImpact, String safetyImpact) {

    /** A host whose mission and safety impact are unknown. */
    public HostFact(String hostname, String ip, String criticality, String environment, String exposure, boolean known) {
        this(hostname, ip, criticality, environment, exposure, known, "unknown", "unknown");
    }

    /** The name used in reasons and action targets: the hostname, else the IP. */
    public String label() {
        return hostname != null ? hostname : ip;
    }

    public String getHostname() {
        return hostname;
    }

    public String getIp() {
        return ip;
    }

    public String getCriticality() {
        return criticality;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getExposure() {
        return exposure;
    }

    public boolean isKnown() {
        return known;
    }

    public String getMissionImpact() {
        return missionImpact;
    }

    public String getSafetyImpact() {
        return safetyImpact;
    }

    public String getLabel() {
        return label();
    }
}
