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

class GuardDutyFormatTest {

    private final GuardDutyFormat format = new GuardDutyFormat();

    @Test
    void mapsAFindingInsideAnEventBridgeEvent() {
        Alert alert = format.mapOne(FormatFixtures.json("guardduty", "backdoor-cc-eventbridge.json"));

        assertThat(alert.source()).isEqualTo("aws-guardduty");
        assertThat(alert.externalId()).isEqualTo("a2c6f1e8d4b09e7a1c3f5d2b8e6a4c10");
        assertThat(alert.title()).isEqualTo("EC2 instance i-0a1b2c3d4e5f60718 is communicating with a Command & Control server.");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.category()).isEqualTo(Category.COMMAND_AND_CONTROL);
        assertThat(alert.occurredAt()).as("service.eventFirstSeen").isEqualTo(Instant.parse("2026-11-28T02:11:37Z"));
        assertThat(alert.entities().hosts()).as("the Name tag names the host")
                .containsExactly(new Alert.Host("web-01", "10.0.1.23"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("198.51.100.77", Direction.OUTBOUND));
        assertThat(alert.attributes()).containsEntry("type", "Backdoor:EC2/C&CActivity.B")
                .containsEntry("resource.instanceDetails.instanceId", "i-0a1b2c3d4e5f60718")
                .containsEntry("remoteIpDetails.organization.asnOrg", "EXAMPLE-HOSTING")
                .containsEntry("service.count", "4")
                .containsEntry("accountId", "111122223333");
    }

    @Test
    void mapsABareConsoleFindingAndFallsBackToTheDnsNameForAnOddNameTag() {
        Alert alert = format.mapOne(FormatFixtures.json("guardduty", "cryptocurrency-bare.json"));

        assertThat(alert.externalId()).isEqualTo("5e8d2c1b9a7f6e4d3c2b1a0f9e8d7c6b");
        assertThat(alert.category()).isEqualTo(Category.MALWARE);
        assertThat(alert.entities().hosts())
                .containsExactly(new Alert.Host("ip-10-8-4-77.eu-west-1.compute.internal", "10.8.4.77"));
        assertThat(alert.attributes()).containsEntry("resource.instanceDetails.nameTag", "Build Agent #3 – Zürich")
                .containsEntry("service.action.dnsRequestAction.domain", "xmr.pool.example.org")
                .doesNotContainKey("resource.instanceDetails.publicIp");
    }

    @Test
    void mapsAnIamFindingWithoutHostAndAnIpv6Caller() {
        Alert alert = format.mapOne(FormatFixtures.json("guardduty", "console-login-no-host-ipv6.json"));

        assertThat(alert.entities().hosts()).isEmpty();
        assertThat(alert.entities().users()).containsExactly(new Alert.User("adm.smith"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("2001:db8:4242::17", Direction.INBOUND));
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void mapsEveryProbingAddress() {
        Alert alert = format.mapOne(FormatFixtures.json("guardduty", "recon-port-probe-eventbridge.json"));

        assertThat(alert.category()).isEqualTo(Category.RECONNAISSANCE);
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("198.51.100.31", Direction.INBOUND),
                new Alert.Ip("203.0.113.201", Direction.INBOUND));
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("dev-build-07", "10.0.9.14"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"0.1, LOW", "1.0, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH",
            "9.0, CRITICAL", "10.0, CRITICAL"})
    void severityBands(String severity, Severity expected) {
        String finding = FormatFixtures.read("guardduty", "cryptocurrency-bare.json")
                .replace("\"Severity\": 8.0", "\"Severity\": " + severity);

        assertThat(format.mapOne(FormatFixtures.parse(finding)).severity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "Backdoor:EC2/C&CActivity.B!DNS | COMMAND_AND_CONTROL",
            "Backdoor:EC2/DenialOfService.Tcp | COMMAND_AND_CONTROL",
            "Trojan:EC2/DNSDataExfiltration | EXFILTRATION",
            "Trojan:EC2/BlackholeTraffic | MALWARE",
            "CryptoCurrency:EC2/BitcoinTool.B | MALWARE",
            "Recon:EC2/Portscan | RECONNAISSANCE",
            "UnauthorizedAccess:EC2/SSHBruteForce | CREDENTIAL_ACCESS",
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS | EXFILTRATION",
            "Policy:IAMUser/RootCredentialUsage | POLICY_VIOLATION",
            "PrivilegeEscalation:Runtime/DockerSocketAccessed | PRIVILEGE_ESCALATION",
            "Stealth:IAMUser/CloudTrailLoggingDisabled | OTHER"})
    void categoryFromTheFindingType(String type, Category expected) {
        assertThat(GuardDutyFormat.category(type).orElse(Category.OTHER)).isEqualTo(expected);
    }

    @Test
    void refusesASeverityOutsideTheScale() {
        String finding = FormatFixtures.read("guardduty", "cryptocurrency-bare.json").replace("\"Severity\": 8.0", "\"Severity\": 12");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(finding)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.Severity");
                    assertThat(e.reason()).isEqualTo("must be a GuardDuty severity from 0.1 to 10.0");
                });
    }

    @Test
    void refusesOtherEventBridgeEvents() {
        String event = FormatFixtures.read("guardduty", "backdoor-cc-eventbridge.json")
                .replace("\"source\": \"aws.guardduty\"", "\"source\": \"aws.securityhub\"");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(event)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNSUPPORTED);
                    assertThat(e.field()).isEqualTo("$.source");
                });
    }

    @Test
    void namesFieldsInsideTheEnvelopeInTheDocumentsSpelling() {
        String event = FormatFixtures.read("guardduty", "backdoor-cc-eventbridge.json")
                .replace("\"id\": \"a2c6f1e8d4b09e7a1c3f5d2b8e6a4c10\",", "\"id\": 42,");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(event)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.detail.id");
                    assertThat(e.reason()).isEqualTo("must be a string");
                });
    }
}
