package dev.arbiter.intake.format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the timestamps security tools write: RFC 3339 ({@code 2026-11-28T02:14:00.123Z}, {@code +01:00}) and the
 * ISO 8601 basic offset Suricata and Wazuh use ({@code 2026-11-28T02:14:00.123456+0000}). A time without a zone is
 * refused rather than guessed.
 */
final class Timestamps {

    private static final DateTimeFormatter BASIC_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // try the basic offset below
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, BASIC_OFFSET).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
