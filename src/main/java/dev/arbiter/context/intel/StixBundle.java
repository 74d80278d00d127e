package dev.arbiter.context.intel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.arbiter.context.ImportErrors;
import dev.arbiter.context.ImportResult;

/**
 * Reads the {@code indicator} objects of a STIX 2.1 bundle whose pattern is one comparison of a supported object
 * path: {@code [ipv4-addr:value = '…']}, {@code [ipv6-addr:value = '…']}, {@code [domain-name:value = '…']},
 * {@code [url:value = '…']}, {@code [file:hashes.'SHA-256' = '…']} or {@code [file:hashes.MD5 = '…']}. Every other
 * object, a revoked indicator, another pattern language or a compound pattern is skipped with its reason, not failed.
 * The source is the bundle's creator ({@code created_by_ref} to an {@code identity} in the bundle) unless given.
 */
final class StixBundle {

    private static final Pattern SIMPLE = Pattern.compile(
            "\\[\\s*(ipv4-addr|ipv6-addr|domain-name|url|file):(value|hashes\\.(?:'([^']+)'|([A-Za-z0-9-]+)))\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*\\]");

    private StixBundle() {
    }

    /** Entries and skipped objects; structural problems go to {@code errors} by JSON path. */
    static List<IndicatorService.Entry> read(JsonNode bundle, String sourceOverride, int defaultConfidence,
                                             List<ImportResult.Skipped> skipped, ImportErrors errors) {
        JsonNode objects = bundle.get("objects");
        if (objects == null || !objects.isArray()) {
            errors.addRaw("$.objects", "a STIX bundle needs an objects array");
            return List.of();
        }
        Map<String, String> identities = new HashMap<>();
        for (JsonNode object : objects) {
            if ("identity".equals(text(object, "type")) && text(object, "id") != null && text(object, "name") != null) {
                identities.put(text(object, "id"), text(object, "name"));
            }
        }
        List<IndicatorService.Entry> entries = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String where = "$.objects[" + i + "]";
            String type = text(object, "type");
            String id = text(object, "id");
            if (!"indicator".equals(type)) {
                skipped.add(new ImportResult.Skipped(where, id, "not an indicator (" + (type != null ? type : "no type") + ")"));
                continue;
            }
            if (object.path("revoked").asBoolean(false)) {
                skipped.add(new ImportResult.Skipped(where, id, "revoked"));
                continue;
            }
            String language = text(object, "pattern_type");
            if (language != null && !"stix".equals(language)) {
                skipped.add(new ImportResult.Skipped(where, id, "pattern type " + language + " is not supported"));
                continue;
            }
            String pattern = text(object, "pattern");
            if (pattern == null) {
                errors.addRaw(where + ".pattern", "an indicator needs a pattern");
                continue;
            }
            Matcher simple = SIMPLE.matcher(pattern.trim());
            if (!simple.matches()) {
                skipped.add(new ImportResult.Skipped(where, id, "pattern is not one comparison of a supported object path"));
                continue;
            }
            String indicatorType = indicatorType(simple);
            if (indicatorType == null) {
                skipped.add(new ImportResult.Skipped(where, id, "object path " + simple.group(1) + ":" + simple.group(2) + " is not supported"));
                continue;
            }
            String value = simple.group(5).replace("\\'", "'").replace("\\\\", "\\");
            if (indicatorType.startsWith("ip") && value.contains("/")) {
                indicatorType = "cidr";
            }
            String source = sourceOverride != null ? sourceOverride : identities.get(text(object, "created_by_ref"));
            if (source == null) {
                errors.addRaw(where + ".created_by_ref", "names no identity in the bundle; pass the source as ?source=");
                continue;
            }
            Integer confidence = defaultConfidence;
            if (object.has("confidence")) {
                JsonNode c = object.get("confidence");
                if (!c.isInt() || c.asInt() < 0 || c.asInt() > 100) {
                    errors.addRaw(where + ".confidence", "must be a whole number from 0 to 100");
                    continue;
                }
                confidence = c.asInt();
            }
            Instant validUntil = null;
            String until = text(object, "valid_until");
            if (until != null) {
                try {
                    validUntil = OffsetDateTime.parse(until).toInstant();
                } catch (DateTimeParseException e) {
                    errors.addRaw(where + ".valid_until", "must be an RFC 3339 timestamp");
                    continue;
                }
            }
            String name = text(object, "name");
            String description = name != null ? name : text(object, "description");
            if (description != null && description.length() > 1000) {
                description = description.substring(0, 1000);
            }
            if (source.length() > 200) {
                errors.addRaw(where + ".created_by_ref", "names a source longer than 200 characters");
                continue;
            }
            entries.add(new IndicatorService.Entry(where, new IndicatorData(indicatorType, value, source, confidence,
                    validUntil, description), id));
        }
        return entries;
    }

    private static String indicatorType(Matcher simple) {
        String object = simple.group(1);
        String path = simple.group(2);
        if (!"file".equals(object)) {
            if (!"value".equals(path)) {
                return null;
            }
            return switch (object) {
                case "ipv4-addr" -> "ipv4";
                case "ipv6-addr" -> "ipv6";
                case "domain-name" -> "domain";
                default -> "url";
            };
        }
        String hash = simple.group(3) != null ? simple.group(3) : simple.group(4);
        if (hash == null) {
            return null;
        }
        return switch (hash.toUpperCase(java.util.Locale.ROOT)) {
            case "SHA-256", "SHA256" -> "sha256";
            case "MD5" -> "md5";
            default -> null;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
