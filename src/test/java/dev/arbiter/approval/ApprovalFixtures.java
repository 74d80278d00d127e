package dev.arbiter.approval;

import static io.restassured.RestAssured.given;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Alerts that make the shipped tables propose gated actions, and the callers that vote on them. Each alert is a
 * command-and-control beacon from one host to the known-bad 203.0.113.9, so the decision proposes a ticket, an
 * isolation of the host (gated by the host's facts) and a perimeter block (one approver).
 */
final class ApprovalFixtures {

    /** A submitter that may also vote, so four-eyes is what refuses it. */
    static final String SUBMITTER = "approvals-submitter";

    private static final String BEACON = """
            {
              "source": "approvals-test",
              "externalId": "%s",
              "title": "Beacon to a known-bad address",
              "category": "command-and-control",
              "severity": "critical",
              "confidence": 90,
              "occurredAt": "%s",
              "mitre": { "tactics": ["TA0011"], "techniques": [] },
              "entities": {
                "hosts": [%s],
                "ips": [{ "address": "203.0.113.9", "direction": "outbound" }]
              }
            }
            """;

    private ApprovalFixtures() {
    }

    /** Submits a beacon from {@code hostname}, occurred five minutes before the clock's now; returns the decision. */
    static JsonPath submitBeacon(Clock clock, String hostname) {
        return submitBeacon(clock, List.of(hostname));
    }

    /** Submits one beacon naming all these hosts. */
    static JsonPath submitBeacon(Clock clock, List<String> hostnames) {
        return as(SUBMITTER, Roles.INGEST, Roles.APPROVER).contentType(ContentType.JSON)
                .body(beaconBody(clock, hostnames)).when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
    }

    /** A beacon alert naming these hosts, with a fresh external id. */
    static String beaconBody(Clock clock, List<String> hostnames) {
        String hosts = hostnames.stream().map(h -> "{ \"hostname\": \"" + h + "\" }").collect(Collectors.joining(", "));
        return BEACON.formatted("beacon-" + UUID.randomUUID(), clock.instant().minus(Duration.ofMinutes(5)), hosts);
    }

    /** The approval id of the decision's action of this type. */
    static String approvalOf(JsonPath decision, String actionType) {
        return decision.getString("actions.find { it.type == '" + actionType + "' }.approvalId");
    }

    static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(Tokens.withRoles(subject, roles));
    }

    /** An approver of its own: a fresh principal per name. */
    static RequestSpecification approver(String name) {
        return as(name, Roles.APPROVER);
    }

    static io.restassured.response.Response approve(String approver, String approvalId) {
        return approver(approver).contentType(ContentType.JSON).body(Map.of("comment", "looks right"))
                .when().post("/api/v1/approvals/" + approvalId + "/approve");
    }

    static io.restassured.response.Response reject(String approver, String approvalId, String reason) {
        return approver(approver).contentType(ContentType.JSON).body(reason == null ? Map.of() : Map.of("reason", reason))
                .when().post("/api/v1/approvals/" + approvalId + "/reject");
    }

    static JsonPath approval(String approvalId) {
        return approver("approvals-reader").when().get("/api/v1/approvals/" + approvalId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Audit event types recorded about a subject, in order. */
    static List<String> auditTypes(AuditRepository audit, String subjectId) {
        return QuarkusTransaction.requiringNew().call(() -> audit.forSubject(subjectId).stream().map(e -> e.type).toList());
    }

    static List<AuditEvent> auditEvents(AuditRepository audit, String subjectId) {
        return QuarkusTransaction.requiringNew().call(() -> audit.forSubject(subjectId));
    }
}
