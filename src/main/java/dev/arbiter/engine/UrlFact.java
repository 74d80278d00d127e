package dev.arbiter.engine;

/**
 * A URL named by the alert (a download, a phishing link, a proxy request).
 *
 * @param url         in canonical form: scheme and host in lower case, no default port, no fragment
 * @param intelSource the threat-intel feed that lists this exact URL as bad, or null when none does; a URL on a
 *                    listed domain is reported as a {@link DomainFact} as well, not here
 */
public record UrlFact(String url, String intelSource) {

    public String getUrl() {
        return url;
    }

    public boolean isKnownBad() {
        return intelSource != null;
    }

    public String getIntelSource() {
        return intelSource;
    }
}
