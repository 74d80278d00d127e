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

class OcsfFormatTest {

    private final OcsfFormat format = new OcsfFormat();

    @Test
    void mapsAnEndpointDetectionFinding() {
        Alert alert = format.mapOne(FormatFixtures.json("ocsf", "powershell-detection.json"));

        assertThat(alert.source()).isEqualTo("ocsf:northwind-endpoint-sensor");
        assertThat(alert.externalId()).isEqualTo("nw-det-7f3a9c21");
        assertThat(alert.title()).isEqualTo("Encoded PowerShell download cradle");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.confidence()).isEqualTo(85);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:14:00Z"));
        assertThat(alert.mitre().tactics()).containsExactly("TA0002", "TA0011");
        assertThat(alert.mitre().techniques()).containsExactly("T1059", "T1059.001", "T1105");
        assertThat(alert.category()).as("command and control outranks execution").isEqualTo(Category.COMMAND_AND_CONTROL);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("fin-db-01", "10.2.3.4"));
        assertThat(alert.entities().users()).containsExactly(new Alert.User("j.doe"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("10.2.3.4", Direction.OUTBOUND),
                new Alert.Ip("203.0.113.9", Direction.OUTBOUND));
        assertThat(alert.entities().files()).as("only the SHA-256 of the hashes")
                .containsExactly(new Alert.File("0d3e99a825df8eb7e59604ddae694d9f46c235731b0ae4c8927b55dd21040a62"));
        assertThat(alert.attributes())
                .containsEntry("evidences.process.cmd_line", "powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA")
                .containsEntry("evidences.dst_endpoint.hostname", "cdn-update.example.net")
                .containsEntry("resources[0].uid", "srv-000173")
                .containsEntry("finding_info.analytic.name", "PS-EncodedCommand-Download")
                .containsEntry("metadata.product.vendor_name", "Northwind Security");
    }

    @Test
    void vulnerabilitiesWithoutAttackMakeAVulnerabilityAlert() {
        Alert alert = format.mapOne(FormatFixtures.json("ocsf", "exploit-multiple-cves.json"));

        assertThat(alert.entities().cves()).containsExactly("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105");
        assertThat(alert.category()).isEqualTo(Category.VULNERABILITY);
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("web-01", "10.0.1.23"));
        assertThat(alert.entities().ips()).extracting(Alert.Ip::address).containsExactly("198.51.100.77", "10.0.1.23");
        assertThat(alert.entities().ips()).extracting(Alert.Ip::direction).containsOnly(Direction.INBOUND);
    }

    @Test
    void internalIpv6EndpointsAreHostsAndInternalTraffic() {
        Alert alert = format.mapOne(FormatFixtures.json("ocsf", "ipv6-lateral-movement.json"));

        assertThat(alert.category()).isEqualTo(Category.LATERAL_MOVEMENT);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host(null, "fd12:3456:789a::15"),
                new Alert.Host(null, "fd12:3456:789a::20"));
        assertThat(alert.entities().ips()).extracting(Alert.Ip::direction).containsOnly(Direction.INTERNAL);
        assertThat(alert.mitre().techniques()).containsExactly("T1021", "T1021.002");
    }

    @Test
    void mapsUnicodeAFindingWithoutDeviceAndTheDateTimeProfile() {
        Alert alert = format.mapOne(FormatFixtures.json("ocsf", "unicode-no-device.json"));

        assertThat(alert.externalId()).isEqualTo("tig-🔐-000042");
        assertThat(alert.title()).startsWith("Jeton OAuth réutilisé depuis « Zürich » et São Paulo");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:14:00Z"));
        assertThat(alert.severity()).as("severity_id 99 takes the severity label").isEqualTo(Severity.CRITICAL);
        assertThat(alert.mitre().tactics()).as("tactic by name").containsExactly("TA0006");
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.entities().hosts()).isEmpty();
        assertThat(alert.entities().users()).containsExactly(new Alert.User("józef.nowak"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("198.51.100.140", Direction.INBOUND));
        assertThat(alert.attributes()).containsEntry("activity_name", "Update");
    }

    @ParameterizedTest(name = "severity_id {0} is {1}")
    @CsvSource({"0, MEDIUM", "1, INFORMATIONAL", "2, LOW", "3, MEDIUM", "4, HIGH", "5, CRITICAL", "6, CRITICAL"})
    void severityIdScale(int severityId, Severity expected) {
        String finding = FormatFixtures.read("ocsf", "ipv6-lateral-movement.json")
                .replace("\"severity_id\": 3", "\"severity_id\": " + severityId);

        assertThat(format.mapOne(FormatFixtures.parse(finding)).severity()).isEqualTo(expected);
    }

    @Test
    void refusesOtherFindingClasses() {
        assertThatThrownBy(() -> format.map(FormatFixtures.json("ocsf", "compliance-finding.json")))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNSUPPORTED);
                    assertThat(e.field()).isEqualTo("$.class_uid");
                    assertThat(e.reason()).isEqualTo("is 2003 (Compliance Finding); only OCSF Detection Findings (class_uid 2004) are alerts");
                });
    }

    @Test
    void refusesAnUnknownSeverityId() {
        String finding = FormatFixtures.read("ocsf", "ipv6-lateral-movement.json").replace("\"severity_id\": 3", "\"severity_id\": 7");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(finding)))
                .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.field()).isEqualTo("$.severity_id"));
    }

    @Test
    void requiresTheFindingUid() {
        String finding = FormatFixtures.read("ocsf", "ipv6-lateral-movement.json").replace("\"uid\": \"ndr-5512-ab90\",", "");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(finding)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.finding_info.uid");
                    assertThat(e.reason()).isEqualTo("is required");
                });
    }
}
