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

class WazuhFormatTest {

    private final WazuhFormat format = new WazuhFormat();

    @Test
    void mapsAnSshBruteForce() {
        Alert alert = format.mapOne(FormatFixtures.json("wazuh", "sshd-brute-force.json"));

        assertThat(alert.source()).isEqualTo("wazuh");
        assertThat(alert.externalId()).isEqualTo("1795832038.2219871");
        assertThat(alert.title()).isEqualTo("sshd: brute force trying to get access to the system. Non existent user.");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:13:58.412Z"));
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.mitre().techniques()).containsExactly("T1110");
        assertThat(alert.mitre().tactics()).containsExactly("TA0006");
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("web-01", "10.0.2.15"));
        assertThat(alert.entities().users()).containsExactly(new Alert.User("admin"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("198.51.100.77", Direction.INBOUND));
        assertThat(alert.attributes()).containsEntry("rule.id", "5712")
                .containsEntry("rule.groups", "syslog, sshd, authentication_failures")
                .containsEntry("data.srcport", "50122")
                .containsEntry("location", "/var/log/auth.log");
    }

    @Test
    void mapsAVulnerabilityAlert() {
        Alert alert = format.mapOne(FormatFixtures.json("wazuh", "vulnerability-detector.json"));

        assertThat(alert.category()).isEqualTo(Category.VULNERABILITY);
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.entities().cves()).containsExactly("CVE-2024-6387");
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("fin-db-01", "10.2.3.4"));
        assertThat(alert.attributes()).containsEntry("data.vulnerability.package.name", "openssh-server");
    }

    @Test
    void mapsAFileIntegrityChangeWithUnicodePath() {
        Alert alert = format.mapOne(FormatFixtures.json("wazuh", "syscheck-unicode.json"));

        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:12:41.660Z"));
        assertThat(alert.category()).as("Impact tactic").isEqualTo(Category.MALWARE);
        assertThat(alert.entities().files())
                .containsExactly(new Alert.File("ad7d70a64645c57f4550ff827dce0399d86299e3521b34fd1816773c5e89b39d"));
        assertThat(alert.attributes()).containsEntry("syscheck.path", "/srv/finanzen/Jahresabschluss_ÄÖÜ_2026.xlsx");
    }

    @Test
    void mapsAManagerAlertWithoutAgentAddressAndAnIpv6Source() {
        Alert alert = format.mapOne(FormatFixtures.json("wazuh", "manager-sql-injection-ipv6.json"));

        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("wazuh-manager-1", null));
        assertThat(alert.entities().ips()).as("an outside source alone is inbound")
                .containsExactly(new Alert.Ip("2001:db8:bad::1", Direction.INBOUND));
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.category()).as("initial access implies no category").isEqualTo(Category.OTHER);
    }

    @ParameterizedTest(name = "level {0} is {1}")
    @CsvSource({"0, INFORMATIONAL", "3, INFORMATIONAL", "4, LOW", "6, LOW", "7, MEDIUM", "11, MEDIUM", "12, HIGH",
            "14, HIGH", "15, CRITICAL", "16, CRITICAL"})
    void levelScale(int level, Severity expected) {
        String wazuh = FormatFixtures.read("wazuh", "sshd-brute-force.json").replace("\"level\":10", "\"level\":" + level);

        assertThat(format.mapOne(FormatFixtures.parse(wazuh)).severity()).isEqualTo(expected);
    }

    @Test
    void refusesALevelAbove16() {
        String wazuh = FormatFixtures.read("wazuh", "sshd-brute-force.json").replace("\"level\":10", "\"level\":17");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(wazuh)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.rule.level");
                    assertThat(e.reason()).isEqualTo("must be a Wazuh rule level from 0 to 16");
                });
    }

    @Test
    void refusesATimestampWithoutZone() {
        String wazuh = FormatFixtures.read("wazuh", "sshd-brute-force.json").replace("02:13:58.412+0000", "02:13:58.412");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(wazuh)))
                .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.field()).isEqualTo("$.timestamp"));
    }
}
