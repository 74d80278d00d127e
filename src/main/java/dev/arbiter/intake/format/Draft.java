package dev.arbiter.intake.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.arbiter.common.Domains;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Direction;
import dev.arbiter.intake.Alert.Severity;
import dev.arbiter.intake.IpAddresses;

/**
 * A canonical alert under construction by a format mapper. It records, for every canonical field, the source
 * field it came from (so a canonical validation error names the client's field), removes duplicate entities, and
 * keeps the alert within bounds: long titles are shortened, an over-long id is replaced by its SHA-256, and
 * {@code attributes} hold at most {@value #MAX_ATTRIBUTES} string values of at most {@value #MAX_ATTRIBUTE_LENGTH}
 * characters.
 */
final class Draft {

    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_LENGTH = 1000;
    static final int MAX_TITLE_LENGTH = 500;
    static final int MAX_ID_LENGTH = 200;
    private static final int MAX_KEY_LENGTH = 100;
    private static final Pattern DOMAIN = Pattern.compile(Alert.DOMAIN_PATTERN);
    private static final Pattern URL = Pattern.compile(Alert.URL_PATTERN);
    private static final int MAX_URL_LENGTH = Alert.MAX_URL_LENGTH;
    private static final Pattern CVE = Pattern.compile("(?i)CVE[-_](\\d{4})[-_](\\d{4,})");

    private final String format;
    private final Map<String, String> origins = new HashMap<>();
    private String source;
    private String externalId;
    private String title;
    private Category category;
    private Severity severity;
    private Integer confidence;
    private Instant occurredAt;
    private final List<String> tactics = new ArrayList<>();
    private final List<String> techniques = new ArrayList<>();
    private final List<Alert.Host> hosts = new ArrayList<>();
    private final List<Alert.User> users = new ArrayList<>();
    private final List<Alert.Ip> ips = new ArrayList<>();
    private final List<Alert.File> files = new ArrayList<>();
    private final List<String> cves = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    Draft(String format) {
        this.format = format;
        attributes.put("format", format);
    }

    Draft source(String value) {
        this.source = value;
        return this;
    }

    /** The id, or {@code sha256:<hex>} of it when it is longer than the canonical limit. */
    Draft externalId(String value, Field from) {
        this.externalId = value.length() > MAX_ID_LENGTH ? sha256(value) : value;
        origins.put("$.externalId", from.path());
        return this;
    }

    /** An id derived from several fields (a format without one): their SHA-256, stable across retries. */
    Draft derivedExternalId(String prefix, List<String> parts) {
        String digest = sha256(String.join("\u0000", parts)).substring("sha256:".length());
        this.externalId = prefix + digest.substring(0, 32);
        return this;
    }

    Draft title(String value, Field from) {
        this.title = shorten(value.strip(), MAX_TITLE_LENGTH);
        origins.put("$.title", from.path());
        return this;
    }

    Draft category(Category value) {
        this.category = value;
        return this;
    }

    Draft severity(Severity value, Field from) {
        this.severity = value;
        origins.put("$.severity", from.path());
        return this;
    }

    Draft confidence(Integer value, Field from) {
        this.confidence = value;
        origins.put("$.confidence", from.path());
        return this;
    }

    Draft occurredAt(Instant value, Field from) {
        this.occurredAt = value;
        origins.put("$.occurredAt", from.path());
        return this;
    }

    /** A tactic id as the document gives it; a malformed one is refused at validation, naming {@code from}. */
    Draft tacticId(String id, Field from) {
        return addTo(tactics, id.strip().toUpperCase(Locale.ROOT), "$.mitre.tactics", from);
    }

    /** A tactic by name; names that are not ATT&CK tactics are ignored (they are free text in most formats). */
    Draft tacticName(String name, Field from) {
        Attack.tacticByName(name).ifPresent(id -> addTo(tactics, id, "$.mitre.tactics", from));
        return this;
    }

    Draft technique(String id, Field from) {
        return addTo(techniques, id.strip().toUpperCase(Locale.ROOT), "$.mitre.techniques", from);
    }

    List<String> tactics() {
        return List.copyOf(tactics);
    }

    List<String> techniques() {
        return List.copyOf(techniques);
    }

    /**
     * A host by name and/or address. A second mention of the same name, or of the same address, fills in what the
     * first lacked instead of adding a host.
     */
    Draft host(String hostname, Field hostnameFrom, String ip, Field ipFrom) {
        String name = blankToNull(hostname);
        String address = blankToNull(ip);
        if (name == null && address == null) {
            return this;
        }
        int same = -1;
        for (int i = 0; i < hosts.size() && same < 0; i++) {
            Alert.Host known = hosts.get(i);
            if (name != null && name.equalsIgnoreCase(known.hostname())
                    || address != null && address.equalsIgnoreCase(known.ip()) && (name == null || known.hostname() == null)) {
                same = i;
            }
        }
        int index = same >= 0 ? same : hosts.size();
        Alert.Host known = same >= 0 ? hosts.get(same) : new Alert.Host(null, null);
        if (known.hostname() == null && name != null) {
            origins.put("$.entities.hosts[" + index + "].hostname", hostnameFrom.path());
        }
        if (known.ip() == null && address != null) {
            origins.put("$.entities.hosts[" + index + "].ip", ipFrom.path());
        }
        Alert.Host merged = new Alert.Host(known.hostname() != null ? known.hostname() : name,
                known.ip() != null ? known.ip() : address);
        if (same >= 0) {
            hosts.set(same, merged);
        } else {
            hosts.add(merged);
        }
        if (merged.hostname() != null && merged.ip() != null) {
            // an earlier mention of the address alone was this host
            for (int i = hosts.size() - 1; i >= 0; i--) {
                if (i != index && hosts.get(i).hostname() == null && merged.ip().equalsIgnoreCase(hosts.get(i).ip())) {
                    removeHost(i);
                }
            }
        }
        return this;
    }

    /** Removes a host and renumbers the origins of the hosts after it. */
    private void removeHost(int removed) {
        hosts.remove(removed);
        Pattern hostPath = Pattern.compile("\\$\\.entities\\.hosts\\[(\\d+)](.*)");
        Map<String, String> renumbered = new HashMap<>();
        for (var it = origins.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> origin = it.next();
            Matcher matcher = hostPath.matcher(origin.getKey());
            if (!matcher.matches()) {
                continue;
            }
            int position = Integer.parseInt(matcher.group(1));
            if (position >= removed) {
                it.remove();
                if (position > removed) {
                    renumbered.put("$.entities.hosts[" + (position - 1) + "]" + matcher.group(2), origin.getValue());
                }
            }
        }
        origins.putAll(renumbered);
    }

    Draft user(String name, Field from) {
        String value = blankToNull(name);
        if (value == null || users.stream().anyMatch(u -> u.name().equalsIgnoreCase(value))) {
            return this;
        }
        origins.put("$.entities.users[" + users.size() + "].name", from.path());
        users.add(new Alert.User(value));
        return this;
    }

    /** An address with the traffic direction; a second mention with a known direction replaces "unknown". */
    Draft ip(String address, Direction direction, Field from) {
        String value = blankToNull(address);
        if (value == null) {
            return this;
        }
        for (int i = 0; i < ips.size(); i++) {
            Alert.Ip known = ips.get(i);
            if (known.address().equalsIgnoreCase(value)) {
                if (known.direction() == Direction.UNKNOWN && direction != Direction.UNKNOWN) {
                    ips.set(i, new Alert.Ip(known.address(), direction));
                }
                return this;
            }
        }
        origins.put("$.entities.ips[" + ips.size() + "].address", from.path());
        ips.add(new Alert.Ip(value, direction));
        return this;
    }

    /**
     * Both ends of a network flow: every internal address is also a host (the organisation's side), and each
     * address is an IP entity with the flow's direction relative to the organisation.
     */
    Draft flow(String sourceIp, Field sourceFrom, String destinationIp, Field destinationFrom) {
        Direction direction = direction(sourceIp, destinationIp);
        flowEnd(blankToNull(sourceIp), sourceFrom, direction);
        flowEnd(blankToNull(destinationIp), destinationFrom, direction);
        return this;
    }

    private void flowEnd(String address, Field from, Direction direction) {
        if (address == null) {
            return;
        }
        if (IpAddresses.parse(address).isPresent() && !IpAddresses.isExternal(address)) {
            host(null, from, address, from);
        }
        ip(address, direction, from);
    }

    /**
     * Traffic direction from the organisation's point of view. With one end only, an external source is inbound
     * and an external destination outbound; anything else not decidable is unknown.
     */
    static Direction direction(String sourceIp, String destinationIp) {
        Boolean source = external(sourceIp);
        Boolean destination = external(destinationIp);
        if (source == null || destination == null) {
            if (Boolean.TRUE.equals(source) && destination == null) {
                return Direction.INBOUND;
            }
            if (source == null && Boolean.TRUE.equals(destination)) {
                return Direction.OUTBOUND;
            }
            return Direction.UNKNOWN;
        }
        if (source && !destination) {
            return Direction.INBOUND;
        }
        if (!source && destination) {
            return Direction.OUTBOUND;
        }
        return source ? Direction.UNKNOWN : Direction.INTERNAL;
    }

    private static Boolean external(String address) {
        String value = blankToNull(address);
        if (value == null || IpAddresses.parse(value).isEmpty()) {
            return null;
        }
        return IpAddresses.isExternal(value);
    }

    Draft file(String sha256, Field from) {
        String value = blankToNull(sha256);
        if (value == null || files.stream().anyMatch(f -> value.equalsIgnoreCase(f.sha256()))) {
            return this;
        }
        origins.put("$.entities.files[" + files.size() + "].sha256", from.path());
        files.add(new Alert.File(value));
        return this;
    }

    /** A CVE id; {@code CVE_2021_44228} (Emerging Threats metadata) is read as {@code CVE-2021-44228}. */
    Draft cve(String id, Field from) {
        String value = blankToNull(id);
        if (value == null) {
            return this;
        }
        Matcher matcher = CVE.matcher(value);
        String normalised = matcher.matches() ? "CVE-" + matcher.group(1) + "-" + matcher.group(2) : value;
        return addTo(cves, normalised, "$.entities.cves", from);
    }

    /**
     * A domain name (a DNS query, a TLS server name, an HTTP host), in lower case without a trailing dot. A value that
     * is not a domain name (an IP literal, a name with a port) is left out rather than failing the whole alert.
     */
    Draft domain(String name, Field from) {
        String value = blankToNull(name);
        if (value == null || !DOMAIN.matcher(value).matches() || value.matches("[0-9.]+\\.?")) {
            return this;
        }
        return addTo(domains, Domains.canonical(value), "$.entities.domains", from);
    }

    /** An absolute http or https URL; anything else is left out rather than failing the whole alert. */
    Draft url(String url, Field from) {
        String value = blankToNull(url);
        if (value == null || value.length() > MAX_URL_LENGTH || !URL.matcher(value).matches()) {
            return this;
        }
        return addTo(urls, value, "$.entities.urls", from);
    }

    /** A string attribute rules may use; blank values, over-long keys and anything past the limit are dropped. */
    Draft attribute(String key, String value) {
        if (value == null || value.isBlank() || key.length() > MAX_KEY_LENGTH || attributes.size() >= MAX_ATTRIBUTES) {
            return this;
        }
        attributes.putIfAbsent(key, shorten(value.strip(), MAX_ATTRIBUTE_LENGTH));
        return this;
    }

    /** A scalar (or array of scalars) of the document as an attribute named {@code key}. */
    Draft attribute(String key, Field from) {
        return attribute(key, from.scalarText());
    }

    /** The alert, with the origins of its fields. */
    MappedAlert build(Integer index) {
        Objects.requireNonNull(source, "the mapper must set source");
        Objects.requireNonNull(externalId, "the mapper must set externalId");
        Objects.requireNonNull(title, "the mapper must set title");
        Objects.requireNonNull(severity, "the mapper must set severity");
        Objects.requireNonNull(occurredAt, "the mapper must set occurredAt");
        Category resolved = category != null ? category
                : Attack.category(tactics, techniques).orElse(Category.OTHER);
        Alert alert = new Alert(source, externalId, title, resolved, severity, confidence, occurredAt,
                new Alert.Mitre(List.copyOf(tactics), List.copyOf(techniques)),
                new Alert.Entities(List.copyOf(hosts), List.copyOf(users), List.copyOf(ips), List.copyOf(files),
                        List.copyOf(cves), List.copyOf(domains), List.copyOf(urls)),
                Map.copyOf(attributes));
        return new MappedAlert(index, alert, Map.copyOf(origins), false, null);
    }

    String format() {
        return format;
    }

    private Draft addTo(List<String> list, String value, String listPath, Field from) {
        if (!list.contains(value)) {
            origins.put(listPath + "[" + list.size() + "]", from.path());
            list.add(value);
        }
        return this;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** At most {@code max} characters, never splitting a surrogate pair, ending in "…" when shortened. */
    static String shorten(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A source name from a product name: lower case, runs of other characters as one hyphen. */
    static String slug(String value) {
        String slug = value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        return shorten(slug.isEmpty() ? "unknown" : slug, 150);
    }
}
