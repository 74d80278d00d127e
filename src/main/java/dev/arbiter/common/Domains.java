package dev.arbiter.common;

import java.util.Locale;

/**
 * The form domain names are stored and matched in: lower case, without the trailing dot of a fully qualified name.
 * The domains an alert names (from any intake format), domain indicators and the hosts of URLs all go through it, so
 * they compare equal.
 */
public final class Domains {

    private Domains() {
    }

    public static String canonical(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
