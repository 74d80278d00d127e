package dev.arbiter.intake.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.arbiter.intake.Alert;
import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Direction;
import dev.arbiter.intake.Alert.Severity;

class FalcoFormatTest {

    private final FalcoFormat format = new FalcoFormat();

    @Test
    void mapsAShellInAContainer() {
        Alert alert = format.mapOne(FormatFixtures.json("falco", "terminal-shell-in-container.json"));

        assertThat(alert.source()).isEqualTo("falco");
        assertThat(alert.externalId()).isEqualTo("8a6f3c2e-1d4b-4e7a-9c0f-5b2d8e1a7c34");
        assertThat(alert.title()).isEqualTo("Terminal shell in container");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:14:09.512397811Z"));
        assertThat(alert.mitre().techniques()).containsExactly("T1059");
        assertThat(alert.mitre().tactics()).containsExactly("TA0002");
        assertThat(alert.category()).isEqualTo(Category.MALWARE);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("web-01", null));
        assertThat(alert.entities().users()).containsExactly(new Alert.User("root"));
        assertThat(alert.attributes()).containsEntry("container.name", "checkout-api")
                .containsEntry("k8s.pod.name", "checkout-api-7d9c5b6f4d-x2kqp")
                .containsEntry("proc.cmdline", "bash")
                .containsEntry("user.uid", "0")
                .containsEntry("source", "syscall")
                .containsEntry("tags", "T1059, container, maturity_stable, mitre_execution, shell");
    }

    @Test
    void mapsAnIpv6ConnectionAndDerivesAStableIdWithoutUuid() {
        Alert first = format.mapOne(FormatFixtures.json("falco", "outbound-c2-ipv6.json"));
        Alert again = format.mapOne(FormatFixtures.json("falco", "outbound-c2-ipv6.json"));

        assertThat(first.externalId()).matches("falco-[0-9a-f]{32}").isEqualTo(again.externalId());
        assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.category()).isEqualTo(Category.COMMAND_AND_CONTROL);
        assertThat(first.entities().ips()).containsExactly(new Alert.Ip("fd00:aa::12", Direction.OUTBOUND),
                new Alert.Ip("2001:db8:dead::9", Direction.OUTBOUND));
        assertThat(first.entities().hosts()).containsExactly(new Alert.Host("fin-db-01", null));
    }

    @Test
    void keepsUnicodeUserNames() {
        Alert alert = format.mapOne(FormatFixtures.json("falco", "sensitive-file-unicode.json"));

        assertThat(alert.entities().users()).containsExactly(new Alert.User("jürgen"));
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.attributes()).containsEntry("proc.cmdline", "python3 /home/jürgen/Werkzeuge/prüfen.py")
                .containsEntry("fd.name", "/etc/shadow");
    }

    @Test
    void mapsAKubernetesAuditEventWithoutHostname() {
        Alert alert = format.mapOne(FormatFixtures.json("falco", "k8s-audit-no-hostname.json"));

        assertThat(alert.entities().hosts()).isEmpty();
        assertThat(alert.entities().users()).containsExactly(new Alert.User("system:serviceaccount:ci:deployer"));
        assertThat(alert.attributes()).containsEntry("source", "k8s_audit").containsEntry("ka.verb", "create");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"Emergency, CRITICAL", "Alert, CRITICAL", "Critical, CRITICAL", "Error, HIGH", "Warning, MEDIUM",
            "Notice, LOW", "Informational, INFORMATIONAL", "Info, INFORMATIONAL", "Debug, INFORMATIONAL",
            "WARNING, MEDIUM"})
    void priorityScale(String priority, Severity expected) {
        String event = FormatFixtures.read("falco", "terminal-shell-in-container.json")
                .replace("\"priority\":\"Notice\"", "\"priority\":\"" + priority + "\"");

        assertThat(format.mapOne(FormatFixtures.parse(event)).severity()).isEqualTo(expected);
    }

    @Test
    void refusesAnUnknownPriority() {
        String event = FormatFixtures.read("falco", "terminal-shell-in-container.json")
                .replace("\"priority\":\"Notice\"", "\"priority\":\"Severe\"");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(event)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.priority");
                    assertThat(e.reason()).startsWith("must be a Falco priority");
                });
    }
}
