package dev.arbiter.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.arbiter.intake.Alert;

/** The dedup fingerprint of an alert: {@code sha256:} over the configured fields' values, each named. */
final class Fingerprint {

    static final Set<String> FIELDS = Set.of("source", "title", "category", "severity", "host", "hosts", "user", "users",
            "ip", "ips", "file", "files");

    private Fingerprint() {
    }

    /** Refuses a configuration naming a field the fingerprint does not know, at start-up rather than per alert. */
    static void check(List<String> fields) {
        for (String field : fields) {
            if (!FIELDS.contains(field) && !(field.startsWith("attributes.") && field.length() > "attributes.".length())) {
                throw new IllegalArgumentException("arbiter.dedup.fields: unknown field '" + field + "'; use "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + " or attributes.NAME");
            }
        }
    }

    static String of(Alert alert, List<String> fields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            canonical.append(field).append('=').append(value(alert, field)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Alert alert, String field) {
        Alert.Entities entities = alert.entitiesOrEmpty();
        return switch (field) {
            case "source" -> alert.source();
            case "title" -> alert.title();
            case "category" -> alert.category().wireName();
            case "severity" -> alert.severity().wireName();
            case "host" -> first(entities.hostsOrEmpty().stream().map(Fingerprint::host));
            case "hosts" -> all(entities.hostsOrEmpty().stream().map(Fingerprint::host));
            case "user" -> first(entities.usersOrEmpty().stream().map(Alert.User::name));
            case "users" -> all(entities.usersOrEmpty().stream().map(Alert.User::name));
            case "ip" -> first(entities.ipsOrEmpty().stream().map(Alert.Ip::address));
            case "ips" -> all(entities.ipsOrEmpty().stream().map(Alert.Ip::address));
            case "file" -> first(entities.filesOrEmpty().stream().map(Alert.File::key));
            case "files" -> all(entities.filesOrEmpty().stream().map(Alert.File::key));
            default -> alert.attributesOrEmpty().getOrDefault(field.substring("attributes.".length()), "");
        };
    }

    private static String host(Alert.Host host) {
        return host.hostname() != null ? host.hostname() : host.ip();
    }

    private static String first(Stream<String> values) {
        return values.map(lower()).findFirst().orElse("");
    }

    private static String all(Stream<String> values) {
        return String.join(",", values.map(lower()).distinct().sorted().toList());
    }

    private static Function<String, String> lower() {
        return value -> value.toLowerCase(Locale.ROOT);
    }
}
