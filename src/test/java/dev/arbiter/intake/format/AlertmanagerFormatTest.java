package dev.arbiter.intake.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.arbiter.intake.Alert;
import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Severity;

class AlertmanagerFormatTest {

    private final AlertmanagerFormat format = new AlertmanagerFormat();

    @Test
    void mapsEachAlertOfANotification() {
        List<MappedAlert> mapped = format.map(FormatFixtures.json("alertmanager", "firing-two-alerts.json"));

        assertThat(mapped).extracting(MappedAlert::index).containsExactly(0, 1);
        assertThat(mapped).noneMatch(MappedAlert::resolved);
        Alert brute = mapped.get(0).alert();
        assertThat(brute.source()).isEqualTo("alertmanager");
        assertThat(brute.externalId()).isEqualTo("3b1f9c0d2e4a5b6c");
        assertThat(brute.title()).isEqualTo("More than 200 failed SSH logins on web-01 in 5 minutes");
        assertThat(brute.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(brute.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(brute.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:13:30.118Z"));
        assertThat(brute.entities().hosts()).containsExactly(new Alert.Host("web-01", null));
        assertThat(brute.attributes()).containsEntry("labels.alertname", "SSHBruteForce")
                .containsEntry("labels.job", "node")
                .containsEntry("annotations.runbook_url", "https://runbooks.example.com/ssh-brute-force")
                .containsEntry("receiver", "arbiter");
        Alert egress = mapped.get(1).alert();
        assertThat(egress.entities().hosts()).containsExactly(new Alert.Host(null, "fd00:1:2::15"));
        assertThat(egress.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(egress.category()).isEqualTo(Category.OTHER);
    }

    @Test
    void marksResolvedAlerts() {
        List<MappedAlert> mapped = format.map(FormatFixtures.json("alertmanager", "resolved.json"));

        assertThat(mapped).allMatch(MappedAlert::resolved);
        assertThat(mapped).extracting(m -> m.alert().externalId()).containsExactly("3b1f9c0d2e4a5b6c", "77aa0c2b9d8e1f34");
    }

    @Test
    void aBadAlertFailsAloneAndUrlInstancesNameTheirHost() {
        List<MappedAlert> mapped = format.map(FormatFixtures.json("alertmanager", "unicode-one-bad-alert.json"));

        assertThat(mapped.get(0).alert().title()).isEqualTo("Ungewöhnlich viele fehlgeschlagene Anmeldungen – Konto „müller“ auf fin-db-01");
        assertThat(mapped.get(0).alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(mapped.get(0).alert().entities().hosts()).containsExactly(new Alert.Host("fin-db-01", null));
        assertThat(mapped.get(1).error()).isNotNull();
        assertThat(mapped.get(1).error().field()).isEqualTo("$.alerts[1].fingerprint");
        assertThat(mapped.get(2).alert().entities().hosts()).containsExactly(new Alert.Host("shop.example.com", null));
    }

    @Test
    void anAlertWithoutHostLabelsNamesNoHost() {
        Alert alert = format.map(FormatFixtures.json("alertmanager", "no-host.json")).get(0).alert();

        assertThat(alert.entities().hosts()).isEmpty();
        assertThat(alert.attributes()).containsEntry("labels.token", "finance-share-docx");
    }

    @ParameterizedTest(name = "severity=\"{0}\" is {1}")
    @CsvSource({"critical, CRITICAL", "page, HIGH", "error, HIGH", "warning, MEDIUM", "low, LOW", "info, INFORMATIONAL",
            "none, INFORMATIONAL", "whatever, MEDIUM"})
    void severityLabel(String label, Severity expected) {
        assertThat(AlertmanagerFormat.severity(label)).isEqualTo(expected);
    }

    @Test
    void refusesAnotherPayloadVersion() {
        String notification = FormatFixtures.read("alertmanager", "no-host.json").replace("\"version\":\"4\"", "\"version\":\"3\"");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(notification)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNSUPPORTED);
                    assertThat(e.field()).isEqualTo("$.version");
                });
    }
}
