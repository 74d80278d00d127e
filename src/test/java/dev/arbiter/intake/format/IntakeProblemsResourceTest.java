package dev.arbiter.intake.format;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Documents that are not alerts, or not valid ones, are refused naming the format and the field; nothing is stored. */
@QuarkusTest
@TestSecurity(user = "siem", roles = {Roles.INGEST, Roles.ANALYST})
class IntakeProblemsResourceTest {

    private static final int UNPROCESSABLE = 422;
    private static final String PROBLEMS = "https://arbiter.dev/problems/";

    @Inject
    AlertRepository alerts;

    @Inject
    AuditRepository audit;

    static Stream<Arguments> notAlerts() {
        return Stream.of(
                Arguments.of("suricata", FormatFixtures.read("suricata", "flow-record.json"), "$.event_type",
                        "is \"flow\"; only EVE records with event_type \"alert\" are alerts"),
                Arguments.of("ocsf", FormatFixtures.read("ocsf", "compliance-finding.json"), "$.class_uid",
                        "is 2003 (Compliance Finding); only OCSF Detection Findings (class_uid 2004) are alerts"),
                Arguments.of("ecs", FormatFixtures.read("ecs", "metric-event.json"), "$.event.kind",
                        "is \"metric\"; only ECS documents with event.kind \"alert\""),
                Arguments.of("guardduty", FormatFixtures.read("guardduty", "backdoor-cc-eventbridge.json")
                                .replace("\"detail-type\": \"GuardDuty Finding\"", "\"detail-type\": \"GuardDuty Malware Protection Object Scan Result\""),
                        "$['detail-type']", "is \"GuardDuty Malware Protection Object Scan Result\""),
                Arguments.of("alertmanager", FormatFixtures.read("alertmanager", "no-host.json").replace("\"version\":\"4\"", "\"version\":\"3\""),
                        "$.version", "is \"3\"; only Alertmanager webhook payload version \"4\" is supported"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("notAlerts")
    void recordThatIsNotAnAlertIsRefusedNotGuessed(String format, String body, String field, String message) {
        long alertsBefore = alerts.count();
        long eventsBefore = audit.count();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/" + format)
                .then().statusCode(UNPROCESSABLE)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unsupported-event-type"))
                .body("detail", startsWith("This " + format + " document is not an alert Arbiter decides: " + field))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", startsWith(message));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
        assertThat(audit.count()).isEqualTo(eventsBefore);
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("guardduty", FormatFixtures.read("guardduty", "cryptocurrency-bare.json").replace("\"Severity\": 8.0", "\"Severity\": 12"),
                        "$.Severity", "must be a GuardDuty severity from 0.1 to 10.0"),
                Arguments.of("suricata", FormatFixtures.read("suricata", "ipv6-scan.json").replace("\"severity\":2", "\"severity\":\"2\""),
                        "$.alert.severity", "must be a whole number"),
                Arguments.of("wazuh", FormatFixtures.read("wazuh", "sshd-brute-force.json").replace("\"level\":10", "\"level\":17"),
                        "$.rule.level", "must be a Wazuh rule level from 0 to 16"),
                Arguments.of("falco", FormatFixtures.read("falco", "terminal-shell-in-container.json").replace("\"rule\":\"Terminal shell in container\",", ""),
                        "$.rule", "is required"),
                Arguments.of("ecs", FormatFixtures.read("ecs", "ids-scan-no-host.json").replace("\"@timestamp\": \"2026-11-28T02:12:44.019Z\"", "\"@timestamp\": \"28/11/2026 02:12\""),
                        "$['@timestamp']", "must be a timestamp with a zone"),
                // valid for the format, invalid as a canonical alert: named by the document's field
                Arguments.of("suricata", FormatFixtures.read("suricata", "ipv6-scan.json").replace("\"src_ip\":\"2001:db8:beef::66\"", "\"src_ip\":\"2001:db8:beef::66::1\""),
                        "$.src_ip", "must be an IPv4 or IPv6 address (mapped to $.entities.ips[0].address)"),
                Arguments.of("falco", FormatFixtures.read("falco", "terminal-shell-in-container.json").replace("\"hostname\":\"web-01\"", "\"hostname\":\"web 01\""),
                        "$.hostname", "must be a host name (letters, digits, '.', '-', '_') (mapped to $.entities.hosts[0].hostname)"),
                Arguments.of("ocsf", FormatFixtures.read("ocsf", "powershell-detection.json").replace("\"confidence_score\": 85", "\"confidence_score\": 150"),
                        "$.confidence_score", "must be less than or equal to 100 (mapped to $.confidence)"),
                Arguments.of("ecs", FormatFixtures.read("ecs", "ipv6-malware-default-severity.json").replace("\"id\": [\"TA0002\"]", "\"id\": [\"TA02\"]"),
                        "$.threat.tactic.id[0]", "must be an ATT&CK tactic id such as TA0002 (mapped to $.mitre.tactics[0])"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidDocuments")
    void invalidDocumentIsRefusedNamingFormatAndField(String format, String body, String field, String message) {
        long alertsBefore = alerts.count();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/" + format)
                .then().statusCode(UNPROCESSABLE)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-document"))
                .body("detail", startsWith("Not a valid " + format + " alert: "))
                .body("errors.find { it.field == '" + field.replace("'", "\\'") + "' }.message", startsWith(message));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
    }

    @Test
    void unknownFormatListsTheSupportedOnes() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/intake/splunk")
                .then().statusCode(Status.NOT_FOUND.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", equalTo("No alert format 'splunk'; supported formats: alertmanager, ecs, falco, guardduty, ocsf, suricata, wazuh"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"event_type\": \"alert\", ")
                .when().post("/api/v1/intake/suricata")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", startsWith("Malformed JSON at line 1"));
    }

    @Test
    void emptyBodyIsABadRequest() {
        given().contentType(ContentType.JSON).body("  ")
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .body("detail", equalTo("The body is empty; send the wazuh document as JSON"));
    }

    @Test
    void aJsonArrayIsNotADocument() {
        given().contentType(ContentType.JSON).body("[" + FormatFixtures.read("wazuh", "sshd-brute-force.json") + "]")
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(UNPROCESSABLE)
                .body("errors[0].field", equalTo("$"))
                .body("errors[0].message", equalTo("must be a JSON object"));
    }

    @Test
    void duplicateMembersAreRefused() {
        String body = FormatFixtures.read("wazuh", "sshd-brute-force.json").replace("{\"timestamp\"", "{\"id\":\"x\",\"timestamp\"");

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .body("detail", containsString("Duplicate field 'id'"));
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String body = FormatFixtures.read("wazuh", "sshd-brute-force.json")
                .replace("\"location\":\"/var/log/auth.log\"", "\"location\":\"" + "x".repeat(1024 * 1024) + "\"");

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", containsString("the limit is 1048576 bytes"));
    }

    @Test
    void otherContentTypesAreUnsupported() {
        given().contentType(ContentType.TEXT).body(FormatFixtures.read("wazuh", "sshd-brute-force.json"))
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode())
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "analyst", roles = {Roles.ANALYST})
    void onlyIngestersMaySubmit() {
        given().contentType(ContentType.JSON).body(FormatFixtures.read("wazuh", "sshd-brute-force.json"))
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.FORBIDDEN.getStatusCode());
    }
}
