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

class EcsFormatTest {

    private final EcsFormat format = new EcsFormat();

    @Test
    void mapsAnElasticSecurityAlertWithFlatDottedFields() {
        Alert alert = format.mapOne(FormatFixtures.json("ecs", "elastic-security-signal.json"));

        assertThat(alert.source()).isEqualTo("ecs");
        assertThat(alert.externalId()).isEqualTo("5f0e3c2a91d84b7aa6c1f2e37d904b1c8e52a6f0d3b4c9e1a7f8d2b6c0e4a913");
        assertThat(alert.title()).isEqualTo("Potential Credential Access via LSASS Memory Dump");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.occurredAt()).as("the source event's time").isEqualTo(Instant.parse("2026-11-28T02:14:07.882Z"));
        assertThat(alert.mitre().tactics()).containsExactly("TA0006");
        assertThat(alert.mitre().techniques()).containsExactly("T1003", "T1003.001");
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("fin-db-01", "10.2.3.4"));
        assertThat(alert.entities().users()).containsExactly(new Alert.User("adm.smith"));
        assertThat(alert.entities().files())
                .containsExactly(new Alert.File("f73dbbc6abc690206340eacefad5a78f87fb73e98ce2936b03d50ca3a4c905c0"));
        assertThat(alert.attributes()).containsEntry("event.kind", "signal")
                .containsEntry("kibana.alert.risk_score", "99")
                .containsEntry("process.command_line", "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 712 C:\\Users\\Public\\l.dmp full")
                .containsEntry("event.category", "process");
    }

    @Test
    void mapsAnExternalIdsAlertWithoutHost() {
        Alert alert = format.mapOne(FormatFixtures.json("ecs", "ids-scan-no-host.json"));

        assertThat(alert.source()).isEqualTo("ecs:suricata");
        assertThat(alert.externalId()).isEqualTo("ids-evt-4a7b9c2d");
        assertThat(alert.severity()).as("event.risk_score 35").isEqualTo(Severity.MEDIUM);
        assertThat(alert.category()).as("rule.category is a Suricata classtype").isEqualTo(Category.RECONNAISSANCE);
        assertThat(alert.entities().hosts()).isEmpty();
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("198.51.100.23", Direction.INBOUND),
                new Alert.Ip("10.0.5.20", Direction.INBOUND));
        assertThat(alert.entities().urls()).containsExactly("http://10.0.5.20/");
        assertThat(alert.entities().domains()).as("an IP literal is not a domain").isEmpty();
        assertThat(alert.attributes()).containsEntry("event.severity", "2").containsEntry("rule.ruleset", "ET Open");
    }

    @Test
    void mapsIpv6AndDefaultsSeverityToMedium() {
        Alert alert = format.mapOne(FormatFixtures.json("ecs", "ipv6-malware-default-severity.json"));

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.category()).as("event.category malware").isEqualTo(Category.MALWARE);
        assertThat(alert.entities().hosts()).containsExactly(new Alert.Host("dev-build-07", "fd00:10:20::7"));
        assertThat(alert.entities().ips()).containsExactly(new Alert.Ip("fd00:10:20::7", Direction.OUTBOUND),
                new Alert.Ip("2001:db8:ffff::53", Direction.OUTBOUND));
        assertThat(alert.mitre().techniques()).containsExactly("T1204", "T1204.002");
    }

    @Test
    void mapsUnicodeAndTacticNames() {
        Alert alert = format.mapOne(FormatFixtures.json("ecs", "unicode-impossible-travel.json"));

        assertThat(alert.externalId()).isEqualTo("idp-7781-øå");
        assertThat(alert.title()).isEqualTo("Umulig rejse: login fra Ærøskøbing og Kraków inden for 6 minutter");
        assertThat(alert.entities().users()).as("the same account named twice counts once")
                .containsExactly(new Alert.User("søren.kierkegaard"));
        assertThat(alert.mitre().tactics()).containsExactly("TA0001", "TA0006");
        assertThat(alert.category()).isEqualTo(Category.CREDENTIAL_ACCESS);
        assertThat(alert.severity()).as("kibana.alert.risk_score 47").isEqualTo(Severity.MEDIUM);
    }

    @ParameterizedTest(name = "risk score {0} is {1}")
    @CsvSource({"0, LOW", "21, LOW", "22, MEDIUM", "47, MEDIUM", "48, HIGH", "73, HIGH", "74, CRITICAL", "100, CRITICAL"})
    void riskScoreBands(int score, Severity expected) {
        String document = FormatFixtures.read("ecs", "unicode-impossible-travel.json")
                .replace("\"kibana.alert.risk_score\": 47", "\"kibana.alert.risk_score\": " + score);

        assertThat(format.mapOne(FormatFixtures.parse(document)).severity()).isEqualTo(expected);
    }

    @Test
    void refusesAnEventThatIsNotAnAlert() {
        assertThatThrownBy(() -> format.map(FormatFixtures.json("ecs", "metric-event.json")))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNSUPPORTED);
                    assertThat(e.field()).isEqualTo("$.event.kind");
                    assertThat(e.reason()).startsWith("is \"metric\"; only ECS documents with event.kind \"alert\"");
                });
    }

    @Test
    void namesAFlatDottedFieldByItsKey() {
        String document = FormatFixtures.read("ecs", "elastic-security-signal.json")
                .replace("\"kibana.alert.severity\": \"critical\"", "\"kibana.alert.severity\": \"urgent\"");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(document)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$['kibana.alert.severity']");
                    assertThat(e.reason()).isEqualTo("must be low, medium, high or critical");
                });
    }

    @Test
    void namesAMissingTimestampLikeAPresentOne() {
        String document = FormatFixtures.read("ecs", "ids-scan-no-host.json").replace("\"@timestamp\": \"2026-11-28T02:12:44.019Z\",", "");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(document)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$['@timestamp']");
                    assertThat(e.reason()).isEqualTo("is required");
                });
    }

    @Test
    void requiresAnId() {
        String document = FormatFixtures.read("ecs", "ids-scan-no-host.json").replace("\"id\": \"ids-evt-4a7b9c2d\",", "");

        assertThatThrownBy(() -> format.map(FormatFixtures.parse(document)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("$.event.id");
                    assertThat(e.reason()).isEqualTo("is required (or kibana.alert.uuid)");
                });
    }
}
