package dev.arbiter.context;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.util.Optional;

import dev.arbiter.intake.IpAddresses;

/**
 * An IPv4 or IPv6 address or CIDR block as a numeric range, so that a database index can find the blocks containing
 * an address ({@code first <= address <= last}). A single address is a block of full length.
 *
 * @param text         normalised: {@code 10.2.3.4}, {@code 10.2.0.0/16}, {@code 2001:db8::/32}
 * @param family       4 or 6
 * @param first        the lowest address as a number
 * @param last         the highest address as a number
 * @param prefixLength 32 or 128 for a single address
 */
public record Network(String text, int family, BigInteger first, BigInteger last, int prefixLength) {

    /** An address or block, or why the text is neither. */
    public record Parsed(Network network, String error) {
    }

    /** Parses {@code 10.2.3.4}, {@code 10.2.0.0/16}, {@code 2001:db8::1} or {@code 2001:db8::/32}; never a DNS look-up. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(null, "must be an IP address or CIDR block");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<InetAddress> address = IpAddresses.parse(addressText);
        if (address.isEmpty()) {
            return new Parsed(null, "must be an IP address or CIDR block, such as 10.2.3.4 or 10.2.0.0/16");
        }
        int bits = address.get() instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
                return new Parsed(null, "has a prefix length that is not 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        BigInteger value = new BigInteger(1, address.get().getAddress());
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        if (!first.equals(value)) {
            Network suggested = of(first, bits, prefix);
            return new Parsed(null, "has address bits set beyond the /" + prefix + " prefix; did you mean " + suggested.text() + "?");
        }
        return new Parsed(of(first, bits, prefix), null);
    }

    /** The address as a number, or empty when the text is not an IP literal. */
    public static Optional<Network> address(String text) {
        return IpAddresses.parse(text).map(a -> of(new BigInteger(1, a.getAddress()), a instanceof Inet4Address ? 32 : 128,
                a instanceof Inet4Address ? 32 : 128));
    }

    private static Network of(BigInteger first, int bits, int prefix) {
        BigInteger last = first.or(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        String address = bits == 32 ? ipv4(first) : ipv6(first);
        String text = prefix == bits ? address : address + "/" + prefix;
        return new Network(text, bits == 32 ? 4 : 6, first, last, prefix);
    }

    /** Whether this block contains the other address or block. */
    public boolean contains(Network other) {
        return family == other.family && first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
    }

    /** Whether this is a single address rather than a block. */
    public boolean isSingleAddress() {
        return prefixLength == (family == 4 ? 32 : 128);
    }

    private static String ipv4(BigInteger value) {
        long v = value.longValue();
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String ipv6(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
