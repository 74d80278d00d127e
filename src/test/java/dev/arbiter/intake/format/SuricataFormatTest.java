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

class SuricataFormatTest {

    private final SuricataFormat format = new SuricataFormat();

    @Test
    void mapsAnOutboundMalwareAlert() {
        Alert alert = format.mapOne(FormatFixtures.json("suricata", "et-malware-c2.json"));

        assertThat(alert.source()).isEqualTo("suricata");
        assertThat(alert.externalId()).isEqualTo("sensor-core-1/1183457812283011:1:2039999:2026-11-28T02:14:03.441207+0000");
        assertThat(alert.title()).isEqualTo("ET MALWARE Suspected Beacon Checkin over TLS (JA3 match)");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.category()).as("the classtype decides before ATT&CK").isEqualTo(Category.MALWARE);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:14:03.441207Z"));
        assertThat(alert.mitre().tactics()).containsExactly("TA0011");
        assertThat(alert.mitre().techniques()).containsExactly("T1071");
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host(null, "10.2.3.4"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("10.2.3.4", Direction.OUTBOUND),
                new Alert.Ip("203.0.113.9", Direction.OUTBOUND));
        assertThat(alert.entities().domains()).as("the TLS server name").containsExactly("cdn-update.example.net");
        assertThat(alert.attributes()).containsEntry("format", "suricata")
                .containsEntry("alert.category", "A Network Trojan was detected")
                .containsEntry("alert.signature_id", "2039999")
                .containsEntry("alert.metadata.signature_severity", "Major")
                .containsEntry("tls.sni", "cdn-update.example.net")
                .containsEntry("dest_port", "443")
                .containsEntry("host", "sensor-core-1");
    }

    @Test
    void readsSeveralCvesFromEmergingThreatsMetadata() {
        Alert alert = format.mapOne(FormatFixtures.json("suricata", "log4j-multiple-cves.json"));

        assertThat(alert.entities().cves()).containsExactly("CVE-2021-44228", "CVE-2021-45046");
        assertThat(alert.category()).isEqualTo(Category.PRIVILEGE_ESCALATION);
        assertThat(alert.entities().ips()).extracting(Alert.Ip::direction).containsOnly(Direction.INBOUND);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host(null, "10.1.4.20"));
        assertThat(alert.attributes()).containsEntry("http.hostname", "shop.example.com");
        assertThat(alert.externalId()).as("no sensor name: no prefix").startsWith("2241098876500193:1:2034647:");
    }

    @Test
    void mapsIpv6AndAnOffsetTimestamp() {
        Alert alert = format.mapOne(FormatFixtures.json("suricata", "ipv6-scan.json"));

        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:11:37.120045Z"));
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.category()).isEqualTo(Category.RECONNAISSANCE);
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("2001:db8:beef::66", Direction.INBOUND),
                new Alert.Ip("fd00:1:2::15", Direction.INBOUND));
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host(null, "fd00:1:2::15"));
    }

    @Test
    void keepsUnicodeAndTreatsInternalTrafficAsInternal() {
        Alert alert = format.mapOne(FormatFixtures.json("suricata", "unicode-policy-internal.json"));

        assertThat(alert.title()).isEqualTo("LOCAL POLICY Dateifreigabe: „Gehälter_2026.xlsx“ an nicht freigegebenes Gerät – übertragen");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.category()).isEqualTo(Category.POLICY_VIOLATION);
        assertThat(alert.entities().ips()).extracting(Alert.Ip::direction).containsOnly(Direction.INTERNAL);
        assertThat(alert.entities().hosts()).hasSize(2);
        assertThat(alert.attributes()).containsEntry("alert.action", "blocked");
    }

    @ParameterizedTest(name = "alert.severity {0} is {1}")
    @CsvSource({"1, HIGH", "2, MEDIUM", "3, LOW", "4, INFORMATIONAL", "255, INFORMATIONAL"})
    void severityOneIsTheMostSevere(int suricata, Severity expected) {
        String eve = FormatFixtures.read("suricata", "ipv6-scan.json").replace("\"severity\":2", "\"severity\":" + suricata);

        assertThat(format.mapOne(FormatFixtures.parse(eve)).severity()).isEqualTo(expected);
    }

    @Test
    void withoutClasstypeAttackDecidesTheCategory() {
        String eve = FormatFixtures.read("suricata", "et-malware-c2.json")
                .replace("\"category\":\"A Network Trojan was detected\",", "");

        assertThat(format.mapOne(FormatFixtures.parse(eve)).category()).isEqualTo(Category.COMMAND_AND_CONTROL);
    }

    @Test
    void refusesAFlowRecord() {
        assertThatThrownBy(() -> format.map(FormatFixtures.json("suricata", "flow-record.json")))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNSUPPORTED);
                    assertThat(e.field()).isEqualTo("$.event_type");
                    assertThat(e.reason()).startsWith("is \"flow\"; only EVE records with event_type \"alert\"");
                });
    }

    @Test
    void namesTheFieldOfAWrongType() {
        String eve = FormatFixtures.read("suricata", "ipv6-scan.json").replace("\"severity\":2", "\"severity\":\"2\"");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(eve)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.alert.severity");
                    assertThat(e.reason()).isEqualTo("must be a whole number");
                });
    }

    @Test
    void recordsWhereEachCanonicalFieldCameFrom() {
        MappedAlert mapped = format.map(FormatFixtures.json("suricata", "et-malware-c2.json")).get(0);

        assertThat(mapped.originOf("$.entities.ips[1].address")).isEqualTo("$.dest_ip");
        assertThat(mapped.originOf("$.mitre.techniques[0]")).isEqualTo("$.alert.metadata.mitre_technique_id[0]");
        assertThat(mapped.originOf("$.severity")).isEqualTo("$.alert.severity");
    }
}
