package dev.arbiter.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every kind of bad input gets a problem+json naming the field, and nothing is stored. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class AlertValidationResourceTest {

    private static final int UNPROCESSABLE = 422;

    @Inject
    AlertRepository alerts;

    @Inject
    AuditRepository audit;

    static Stream<Arguments> invalidAlerts() {
        String valid = Fixtures.read("minimal.json");
        return Stream.of(
                Arguments.of("wrong type: number as string", valid.replace("\"severity\": \"low\"", "\"severity\": \"low\", \"confidence\": \"80\""),
                        "$.confidence", "must be a whole number"),
                Arguments.of("wrong type: string for array", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"hosts\": \"fin-db-01\"}"),
                        "$.entities.hosts", "must be an array"),
                Arguments.of("wrong type: object for string", valid.replace("\"title\": \"Suspicious binary\"", "\"title\": {\"text\": \"x\"}"),
                        "$.title", "must be a string"),
                Arguments.of("missing source", valid.replace("\"source\": \"edr\",", ""),
                        "$.source", "must not be blank"),
                Arguments.of("missing occurredAt", valid.replace(",\n  \"occurredAt\": \"2026-11-27T14:00:00Z\"", ""),
                        "$.occurredAt", "must not be null"),
                Arguments.of("blank externalId", valid.replace("\"MIN-1\"", "\"  \""),
                        "$.externalId", "must not be blank"),
                Arguments.of("unknown category", valid.replace("\"other\"", "\"malwar\""),
                        "$.category", "must be one of: malware, phishing, credential-access"),
                Arguments.of("unknown severity", valid.replace("\"low\"", "\"severe\""),
                        "$.severity", "must be one of: informational, low, medium, high, critical"),
                Arguments.of("timestamp that does not parse", valid.replace("2026-11-27T14:00:00Z", "yesterday at noon"),
                        "$.occurredAt", "must be an RFC 3339 timestamp"),
                Arguments.of("timestamp without zone", valid.replace("2026-11-27T14:00:00Z", "2026-11-27T14:00:00"),
                        "$.occurredAt", "must be an RFC 3339 timestamp"),
                Arguments.of("unknown field", valid.replace("\"severity\"", "\"severty\": \"low\", \"severity\""),
                        "$.severty", "is not a known field"),
                Arguments.of("confidence out of range", valid.replace("\"severity\": \"low\"", "\"severity\": \"low\", \"confidence\": 101"),
                        "$.confidence", "must be less than or equal to 100"),
                Arguments.of("invalid IP address", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"ips\": [{\"address\": \"999.1.1.1\"}]}"),
                        "$.entities.ips[0].address", "must be an IPv4 or IPv6 address"),
                Arguments.of("host name is not an address to resolve", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"ips\": [{\"address\": \"example.com\"}]}"),
                        "$.entities.ips[0].address", "must be an IPv4 or IPv6 address"),
                Arguments.of("host with neither name nor ip", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"hosts\": [{}]}"),
                        "$.entities.hosts[0]", "needs a hostname or an ip"),
                Arguments.of("unknown direction", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"ips\": [{\"address\": \"203.0.113.9\", \"direction\": \"sideways\"}]}"),
                        "$.entities.ips[0].direction", "must be one of: inbound, outbound, internal, unknown"),
                Arguments.of("bad sha256", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"files\": [{\"sha256\": \"abc\"}]}"),
                        "$.entities.files[0].sha256", "must be 64 hexadecimal digits"),
                Arguments.of("bad CVE id", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"entities\": {\"cves\": [\"CVE-21-1\"]}"),
                        "$.entities.cves[0]", "must be a CVE id"),
                Arguments.of("bad technique id", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"mitre\": {\"techniques\": [\"PowerShell\"]}"),
                        "$.mitre.techniques[0]", "must be an ATT&CK technique id"),
                Arguments.of("non-string attribute", valid.replace("\"category\": \"other\"", "\"category\": \"other\", \"attributes\": {\"port\": 443}"),
                        "$.attributes.port", "must be a string"),
                Arguments.of("array instead of object", "[" + valid + "]",
                        "$", "must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAlerts")
    void invalidAlertIsRefusedNamingTheField(String description, String body, String field, String message) {
        long alertsBefore = alerts.count();
        long eventsBefore = audit.count();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(UNPROCESSABLE)
                .contentType("application/problem+json")
                .body("status", equalTo(UNPROCESSABLE))
                .body("type", equalTo("https://arbiter.dev/problems/validation-failed"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field.replace("'", "\\'") + "' }.message", startsWith(message));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
        assertThat(audit.count()).isEqualTo(eventsBefore);
    }

    @Test
    void everyInvalidFieldIsReported() {
        String body = """
                { "source": "", "externalId": "X-1", "title": "t", "category": "malware", "severity": "high",
                  "occurredAt": "2026-11-27T14:00:00Z", "confidence": -1,
                  "entities": { "files": [{ "sha256": "nothex" }] } }
                """;
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(UNPROCESSABLE)
                .body("errors.field", equalTo(java.util.List.of("$.confidence", "$.entities.files[0].sha256", "$.source")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"source\": \"edr\", ")
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", startsWith("Malformed JSON at line 1"));
    }

    @Test
    void emptyBodyIsABadRequest() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", containsString("empty"));
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String padding = "x".repeat(1024 * 1024);
        String body = Fixtures.read("minimal.json").replace("\"title\": \"Suspicious binary\"", "\"title\": \"" + padding + "\"");
        long alertsBefore = alerts.count();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                .contentType("application/problem+json")
                .body("detail", containsString("the limit is 1048576 bytes"));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
    }

    @Test
    void tooManyEntitiesAreRefused() {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            users.append(i == 0 ? "" : ",").append("{\"name\": \"user").append(i).append("\"}");
        }
        String body = Fixtures.read("minimal.json").replace("\"category\": \"other\"",
                "\"category\": \"other\", \"entities\": {\"users\": [" + users + "]}");

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(UNPROCESSABLE)
                .body("errors[0].field", equalTo("$.entities"))
                .body("errors[0].message", equalTo("names 101 entities; at most 100 are accepted"));
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        given().contentType(ContentType.TEXT).body(Fixtures.read("minimal.json"))
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode())
                .contentType("application/problem+json")
                .body("status", equalTo(415))
                .body("detail", containsString("application/json"));
    }

    @Test
    void problemsNeverLeakClassNames() {
        given().contentType(ContentType.JSON).body("{\"source\": 1}")
                .when().post("/api/v1/alerts")
                .then().statusCode(UNPROCESSABLE)
                .body(org.hamcrest.Matchers.not(containsString("java.")))
                .body(org.hamcrest.Matchers.not(containsString("com.fasterxml")));
    }
}
