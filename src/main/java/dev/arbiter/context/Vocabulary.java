package dev.arbiter.context;

import java.util.List;
import java.util.Locale;

/**
 * The values inventory fields take. Exposure, mission impact and safety impact are SSVC decision-point values with
 * CERT/CC's names (System Exposure v1.0.1, Mission Impact v2.0.0, Safety Impact v2.0.1), in lower case as in the
 * published decision tables.
 */
public final class Vocabulary {

    public static final List<String> CRITICALITY = List.of("crown-jewel", "high", "medium", "low");
    public static final List<String> ENVIRONMENT = List.of("production", "staging", "development");
    public static final List<String> EXPOSURE = List.of("small", "controlled", "open");
    public static final List<String> MISSION_IMPACT = List.of("degraded", "mef support crippled", "mef failure", "mission failure");
    public static final List<String> SAFETY_IMPACT = List.of("negligible", "marginal", "critical", "catastrophic");

    /** What a host or account the inventory does not know gets instead of a value. */
    public static final String UNKNOWN = "unknown";

    /** Patterns and messages for Bean Validation, kept next to the lists they restate. */
    public static final String CRITICALITY_PATTERN = "crown-jewel|high|medium|low";
    public static final String CRITICALITY_MESSAGE = "must be one of crown-jewel, high, medium, low";
    public static final String ENVIRONMENT_PATTERN = "production|staging|development";
    public static final String ENVIRONMENT_MESSAGE = "must be one of production, staging, development";
    public static final String EXPOSURE_PATTERN = "small|controlled|open";
    public static final String EXPOSURE_MESSAGE = "must be one of small, controlled, open (SSVC System Exposure)";
    public static final String MISSION_IMPACT_PATTERN = "degraded|mef support crippled|mef failure|mission failure";
    public static final String MISSION_IMPACT_MESSAGE = "must be one of degraded, mef support crippled, mef failure, mission failure (SSVC Mission Impact)";
    public static final String SAFETY_IMPACT_PATTERN = "negligible|marginal|critical|catastrophic";
    public static final String SAFETY_IMPACT_MESSAGE = "must be one of negligible, marginal, critical, catastrophic (SSVC Safety Impact)";
    /** Client-chosen ids: letters, digits and {@code . _ : @ -}, no slash, so they sit in a URL path as they are. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,89}";
    public static final String ID_MESSAGE = "must be 1 to 90 letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit";
    public static final String HOSTNAME_PATTERN = "[A-Za-z0-9_.-]{1,253}";
    public static final String HOSTNAME_MESSAGE = "must be a host name (letters, digits, '.', '-', '_')";

    private Vocabulary() {
    }

    /** Trimmed and lower case, so {@code High} and {@code MEF Failure} are accepted; null stays null. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return trimmed.isEmpty() ? null : trimmed;
    }
}
