package dev.arbiter.engine;

/**
 * An IP address named by the alert.
 *
 * @param address     the address as given
 * @param direction   inbound, outbound or unknown (relative to the organisation)
 * @param external    whether the address is outside private, loopback and link-local ranges
 * @param intelSource the threat-intel feed that lists the address as bad, or null when none does
 */
public record IpFact(String address, String direction, boolean external, String intelSource) {

    public String getAddress() {
        return address;
    }

    public String getDirection() {
        return direction;
    }

    public boolean isExternal() {
        return external;
    }

    public boolean isKnownBad() {
        return intelSource != null;
    }

    public String getIntelSource() {
        return intelSource;
    }
}
