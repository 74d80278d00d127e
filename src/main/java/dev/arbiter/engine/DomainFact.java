package dev.arbiter.engine;

/**
 * A domain name named by the alert (a DNS query, a TLS server name, a mail sender's domain).
 *
 * @param name        lower case, without a trailing dot
 * @param intelSource the threat-intel feed that lists the domain, or a parent domain of it, as bad; null when none does
 * @param listedAs    the listed domain that matched (the name itself or a parent), or null
 */
public record DomainFact(String name, String intelSource, String listedAs) {

    public String getName() {
        return name;
    }

    public boolean isKnownBad() {
        return intelSource != null;
    }

    public String getIntelSource() {
        return intelSource;
    }

    public String getListedAs() {
        return listedAs;
    }
}
