package dev.arbiter.engine;

/**
 * A file named by the alert, by hash.
 *
 * @param sha256      lower-case hex SHA-256, or null when the alert gave only an MD5
 * @param intelSource the threat-intel feed that lists one of the file's hashes as bad, or null when none does
 * @param md5         lower-case hex MD5, or null when the alert gave none
 */
public record FileFact(String sha256, String intelSource, String md5) {

    /** A file known by its SHA-256 only. */
    public FileFact(String sha256, String intelSource) {
        this(sha256, intelSource, null);
    }

    /** The strongest hash known: what reasons and action targets name the file by. */
    public String label() {
        return sha256 != null ? sha256 : md5;
    }

    public String getSha256() {
        return sha256;
    }

    public String getMd5() {
        return md5;
    }

    public String getLabel() {
        return label();
    }

    public boolean isKnownBad() {
        return intelSource != null;
    }

    public String getIntelSource() {
        return intelSource;
    }
}
