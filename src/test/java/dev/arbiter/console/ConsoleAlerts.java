package dev.arbiter.console;

import static io.restassured.RestAssured.given;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Alerts for console tests, submitted by a local user over HTTP Basic, so that user is the submitter four-eyes knows.
 * A beacon from an unknown host to the known-bad 203.0.113.9 gets a perimeter block (one approver) and an isolation
 * of the host (unknown, so treated as production: one approver).
 */
final class ConsoleAlerts {

    private static final String BEACON = """
            {
              "source": "console-test",
              "externalId": "%s",
              "title": "%s",
              "category": "command-and-control",
              "severity": "critical",
              "confidence": 90,
              "occurredAt": "%s",
              "mitre": { "tactics": ["TA0011"], "techniques": [] },
              "entities": {
                "hosts": [{ "hostname": "%s" }],
                "ips": [{ "address": "203.0.113.9", "direction": "outbound" }]
              }
            }
            """;

    private ConsoleAlerts() {
    }

    /** Submits a beacon as {@code submitter} (a local user with the ingest role); returns the decision. */
    static JsonPath beacon(Clock clock, String submitter, String title, String hostname) {
        String body = BEACON.formatted("console-" + UUID.randomUUID(), title, clock.instant().minus(Duration.ofMinutes(5)), hostname);
        return given().auth().preemptive().basic(submitter, ConsoleUsers.PASSWORD).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
    }

    static String approvalOf(JsonPath decision, String actionType) {
        return decision.getString("actions.find { it.type == '" + actionType + "' }.approvalId");
    }
}
