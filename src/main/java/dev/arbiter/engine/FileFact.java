package dev.arbiter.engine;

/**
 * A file named by the alert, by hash.
 *
 * @param sha256      lower-case hex SHA-256
 * @param intelSource the threat-intel feed that lists the hash as bad, or null when none does
 */
public record FileFact(String sha256, String intelSource) {

    public String getSha256() {
        return sha256;
    }

    public boolean isKnownBad() {
        return intelSource != null;
    }

    public String getIntelSource() {
        return intelSource;
    }
}
