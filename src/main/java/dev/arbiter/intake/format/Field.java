package dev.arbiter.intake.format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.arbiter.common.JsonPaths;

/**
 * A value in a source document together with its JSON path, so every mapper reports problems by the path of the
 * field the client sent ({@code $.alert.severity}). Absent and {@code null} members read as "not present"; a member
 * of the wrong type is a {@link DocumentException} naming it.
 */
final class Field {

    private final JsonNode node;
    private final String path;

    private Field(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    static Field root(JsonNode document) {
        return new Field(document, "$");
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    /** Member {@code name} of this object; absent when this is not an object or has no such member. */
    Field get(String name) {
        return new Field(node.isObject() ? node.get(name) : null, JsonPaths.child(path, name));
    }

    /**
     * The first present member among {@code names}, or the absent first one: for formats whose documents spell a
     * member two ways (GuardDuty's {@code Severity} in the console, {@code severity} in EventBridge).
     */
    Field any(String... names) {
        for (String name : names) {
            Field field = get(name);
            if (field.isPresent()) {
                return field;
            }
        }
        return get(names[0]);
    }

    /**
     * An Elastic-style dotted field ({@code kibana.alert.severity}) wherever the document puts it: nested objects,
     * a flat dotted key, or a mix ({@code "kibana.alert": {"severity": …}}). Longer dotted keys win.
     */
    Field dotted(String dottedName) {
        String[] parts = dottedName.split("\\.");
        Field found = dotted(parts, 0);
        if (found != null) {
            return found;
        }
        String absent = path;
        for (String part : parts) {
            absent = JsonPaths.child(absent, part);
        }
        return new Field(null, absent);
    }

    private Field dotted(String[] parts, int from) {
        if (from == parts.length) {
            return isPresent() ? this : null;
        }
        if (!node.isObject()) {
            return null;
        }
        for (int to = parts.length; to > from; to--) {
            String key = String.join(".", java.util.Arrays.copyOfRange(parts, from, to));
            if (node.has(key)) {
                Field found = get(key).dotted(parts, to);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The members of this object, in document order; empty when absent, refused when not an object. */
    List<Map.Entry<String, Field>> members() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw DocumentException.invalid(path, "must be an object");
        }
        List<Map.Entry<String, Field>> members = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            members.add(Map.entry(name, get(name)));
        }
        return members;
    }

    /** Requires an object (or absence). */
    Field object() {
        if (isPresent() && !node.isObject()) {
            throw DocumentException.invalid(path, "must be an object");
        }
        return this;
    }

    /** The elements of this array; empty when absent, refused when not an array. */
    List<Field> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw DocumentException.invalid(path, "must be an array");
        }
        List<Field> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Field(node.get(i), path + "[" + i + "]"));
        }
        return elements;
    }

    /** The elements of this array, or this one value when it is not an array (ECS allows both). */
    List<Field> values() {
        if (!isPresent()) {
            return List.of();
        }
        return node.isArray() ? elements() : List.of(this);
    }

    /** The string, or null when absent; refused when present but not a string. */
    String text() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DocumentException.invalid(path, "must be a string");
        }
        return node.textValue();
    }

    /** The string, trimmed; refused when absent or blank. */
    String requiredText() {
        String text = text();
        if (text == null || text.isBlank()) {
            throw DocumentException.invalid(path, "is required");
        }
        return text.strip();
    }

    /** A string or a number (identifiers some tools write either way), as text; null when absent. */
    String identifier() {
        if (!isPresent()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw DocumentException.invalid(path, "must be a string or a whole number");
    }

    /** The strings of an array or a single string; non-strings are refused. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (Field value : values()) {
            String text = value.text();
            if (text != null && !text.isBlank()) {
                texts.add(text.strip());
            }
        }
        return texts;
    }

    /** A whole number, or null when absent. */
    Long wholeNumber() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw DocumentException.invalid(path, "must be a whole number");
        }
        return node.longValue();
    }

    /** A number, or null when absent. */
    Double number() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isNumber()) {
            throw DocumentException.invalid(path, "must be a number");
        }
        return node.doubleValue();
    }

    /** A timestamp with a zone (RFC 3339, or ISO 8601 with a {@code +0000} offset); null when absent. */
    Instant instant() {
        String text = text();
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text).orElseThrow(() -> DocumentException.invalid(path,
                "must be a timestamp with a zone, such as 2026-11-28T02:14:00Z"));
    }

    /** A required timestamp. */
    Instant requiredInstant() {
        if (!isPresent()) {
            throw DocumentException.invalid(path, "is required");
        }
        return instant();
    }

    /** Scalars as text, arrays of scalars joined with ", "; null for objects and absent values. */
    String scalarText() {
        if (!isPresent() || node.isObject()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : node) {
                if (element.isValueNode() && !element.isNull()) {
                    parts.add(element.asText());
                }
            }
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        return node.asText();
    }
}
