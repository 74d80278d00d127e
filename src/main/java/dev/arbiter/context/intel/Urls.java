package dev.arbiter.context.intel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import dev.arbiter.common.Domains;

/**
 * The canonical form URLs are stored and matched in: scheme and host in lower case, the scheme's default port
 * dropped, an empty path as {@code /}, no fragment; path and query as given. A value that does not parse as a URI is
 * kept as given, so it still matches itself.
 */
public final class Urls {

    private Urls() {
    }

    public static String canonical(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url.trim();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
            String hostPort = authority.substring(at + 1).toLowerCase(Locale.ROOT);
            if (scheme.equals("http") && hostPort.endsWith(":80") || scheme.equals("https") && hostPort.endsWith(":443")) {
                hostPort = hostPort.substring(0, hostPort.lastIndexOf(':'));
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
            return scheme + "://" + userInfo + hostPort + path + query;
        } catch (URISyntaxException e) {
            return url.trim();
        }
    }

    /** The URL's host name in {@linkplain Domains#canonical canonical form}; empty for an IP literal or an unparsable URL. */
    public static Optional<String> domain(String url) {
        try {
            String host = new URI(url.trim()).getHost();
            if (host == null || host.startsWith("[") || host.matches("[0-9.]+")) {
                return Optional.empty();
            }
            return Optional.of(Domains.canonical(host));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
