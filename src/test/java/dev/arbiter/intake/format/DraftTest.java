package dev.arbiter.intake.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.arbiter.intake.Alert;
import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Direction;
import dev.arbiter.intake.Alert.Severity;

/** The bounds and merging every mapper relies on. */
class DraftTest {

    private static final Field FROM = Field.root(JsonNodeFactory.instance.objectNode()).get("x");

    private static Draft draft() {
        return new Draft("test").source("test").externalId("id-1", FROM).title("t", FROM)
                .severity(Severity.LOW, FROM).occurredAt(Instant.parse("2026-11-28T02:14:00Z"), FROM);
    }

    @Test
    void aLongTitleIsShortenedWithoutSplittingACharacter() {
        String title = "a".repeat(498) + "😀😀😀";

        Alert alert = draft().title(title, FROM).build(null).alert();

        assertThat(alert.title()).hasSizeLessThanOrEqualTo(Draft.MAX_TITLE_LENGTH).endsWith("…");
        assertThat(Character.isHighSurrogate(alert.title().charAt(alert.title().length() - 2))).isFalse();
    }

    @Test
    void anOverlongIdIsReplacedByItsDigestStably() {
        String arn = "arn:aws:securityhub:eu-central-1:111122223333:subscription/" + "x".repeat(200);

        String first = draft().externalId(arn, FROM).build(null).alert().externalId();
        String again = draft().externalId(arn, FROM).build(null).alert().externalId();

        assertThat(first).matches("sha256:[0-9a-f]{64}").isEqualTo(again);
    }

    @Test
    void attributesAreBounded() {
        Draft draft = draft();
        for (int i = 0; i < 100; i++) {
            draft.attribute("key" + i, "v".repeat(5000));
        }

        Alert alert = draft.build(null).alert();

        assertThat(alert.attributes()).hasSize(Draft.MAX_ATTRIBUTES).containsEntry("format", "test");
        assertThat(alert.attributes().values()).allMatch(v -> v.length() <= Draft.MAX_ATTRIBUTE_LENGTH);
    }

    @Test
    void aHostNamedTwiceIsOneHost() {
        Field name = Field.root(JsonNodeFactory.instance.objectNode()).get("name");
        Field address = Field.root(JsonNodeFactory.instance.objectNode()).get("address");
        Field other = Field.root(JsonNodeFactory.instance.objectNode()).get("other");

        MappedAlert mapped = draft().host("web-01", name, null, name).host(null, address, "10.0.1.23", address)
                .host("db-02", other, null, other)
                .host("WEB-01", name, "10.0.1.23", address).build(null);

        assertThat(mapped.alert().entities().hosts()).containsExactly(new Alert.Host("web-01", "10.0.1.23"),
                new Alert.Host("db-02", null));
        assertThat(mapped.originOf("$.entities.hosts[0].ip")).isEqualTo("$.address");
        assertThat(mapped.originOf("$.entities.hosts[1].hostname")).as("renumbered").isEqualTo("$.other");
        assertThat(mapped.originOf("$.entities.hosts[2].hostname")).isNull();
    }

    @Test
    void withoutClassificationOrAttackTheCategoryIsOther() {
        assertThat(draft().build(null).alert().category()).isEqualTo(Category.OTHER);
    }

    @ParameterizedTest(name = "{0} -> {1} is {2}")
    @CsvSource({"198.51.100.7, 10.0.0.5, INBOUND", "10.0.0.5, 198.51.100.7, OUTBOUND", "10.0.0.5, 192.168.1.9, INTERNAL",
            "198.51.100.7, 203.0.113.9, UNKNOWN", "fd00::1, 2001:db8::1, OUTBOUND", "198.51.100.7, , INBOUND",
            ", 198.51.100.7, OUTBOUND", "10.0.0.5, , UNKNOWN", "not-an-ip, 10.0.0.5, UNKNOWN"})
    void directionRelativeToTheOrganisation(String source, String destination, Direction expected) {
        assertThat(Draft.direction(source, destination)).isEqualTo(expected);
    }
}
