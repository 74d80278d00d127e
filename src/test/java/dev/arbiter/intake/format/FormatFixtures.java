package dev.arbiter.intake.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Documents from {@code src/test/resources/formats/<format>/}, as text or parsed. */
final class FormatFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormatFixtures() {
    }

    static String read(String format, String name) {
        String path = "/formats/" + format + "/" + name;
        try (InputStream in = FormatFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String format, String name) {
        return parse(read(format, name));
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture with every occurrence of {@code id} replaced by a fresh value (digits stay digits), so API tests
     * sharing one database never collide on source and external id.
     */
    static Fresh fresh(String format, String name, String id) {
        String replacement = id.chars().allMatch(Character::isDigit)
                ? String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000_000L))
                : id + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Fresh(read(format, name).replace(id, replacement), replacement);
    }

    /** A fixture text with a fresh id. */
    record Fresh(String text, String id) {
    }
}
