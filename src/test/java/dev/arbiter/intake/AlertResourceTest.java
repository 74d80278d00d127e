package dev.arbiter.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class AlertResourceTest {

    @Inject
    AlertRepository alerts;

    @Inject
    AuditRepository audit;

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @BeforeEach
    void resetClock() {
        clock.reset();
        inventory.seedStarterInventory();
    }

    @Test
    void submittedAlertGetsAnExplainedDecision() {
        String body = Fixtures.alert("powershell-cradle.json", "decision-" + UUID.randomUUID());

        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode())
                .header("Location", matchesPattern(".*/api/v1/decisions/[0-9a-f-]{36}"))
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("priority", equalTo("P1"))
                .body("slaMinutes", equalTo(15))
                .body("risk.level", equalTo("critical"))
                .body("risk.score", equalTo(100))
                .body("risk.factors.rule", hasItems("Crown-jewel asset raises risk", "Known-bad IP address raises risk",
                        "PowerShell execution raises risk"))
                .body("risk.factors.find { it.rule == 'Crown-jewel asset raises risk' }.points", equalTo(25))
                .body("risk.factors.find { it.rule == 'Crown-jewel asset raises risk' }.reason", equalTo("fin-db-01 is a crown-jewel asset"))
                .body("actions.findAll { it.type == 'isolate-host' }.target", hasItem("host:fin-db-01"))
                .body("actions.find { it.type == 'isolate-host' }.impact", equalTo("high"))
                .body("actions.find { it.type == 'isolate-host' }.status", equalTo("pending-approval"))
                .body("actions.find { it.type == 'open-ticket' }.status", equalTo("queued"))
                .body("explanation.firedRules", hasItem("Crown-jewel asset raises risk"))
                .body("explanation.dmn.decision", equalTo(List.of("Risk Level", "Priority", "Response Actions")))
                .body("explanation.dmn.find { it.decision == 'Priority' }.matchedRules", equalTo(List.of("priority-critical-important")))
                .body("explanation.dmn.find { it.decision == 'Response Actions' }.matchedRules",
                        hasItems("response-ticket", "response-page", "response-isolate-host"))
                .extract();

        String location = created.header("Location");
        String id = created.path("id");
        given().when().get(location.substring(location.indexOf("/api/v1")))
                .then().statusCode(Status.OK.getStatusCode())
                .body("id", equalTo(id))
                .body("priority", equalTo("P1"))
                .body("risk.factors.size()", equalTo(created.<List<?>>path("risk.factors").size()))
                .body("actions.size()", equalTo(created.<List<?>>path("actions").size()));
    }

    @Test
    void alertDecisionAndAuditEventsAreStoredTogether() {
        String externalId = "stored-" + UUID.randomUUID();
        String body = Fixtures.alert("powershell-cradle.json", externalId);

        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode()).extract();

        StoredAlert stored = alerts.findBySourceAndExternalId("splunk-es", externalId).orElseThrow();
        assertThat(stored.rawJson).isEqualTo(body);
        assertThat(stored.id.toString()).isEqualTo(created.path("alertId"));
        // stored rows get time-ordered ids (Ids): the alert's, the decision's and each action's are version 7
        assertThat(stored.id.version()).isEqualTo(7);
        assertThat(UUID.fromString(created.path("id")).version()).isEqualTo(7);
        assertThat(created.<List<String>>path("actions.id")).isNotEmpty()
                .allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        List<AuditEvent> alertEvents = audit.forSubject(stored.id.toString());
        assertThat(alertEvents).extracting(e -> e.type).containsExactly("alert.received");
        List<AuditEvent> decisionEvents = audit.forSubject(created.path("id"));
        // page-on-call has no responder in the tests: settled in the same transaction, after the decision's event
        assertThat(decisionEvents).extracting(e -> e.type).containsExactly("decision.made", "action.no-responder");
        assertThat(decisionEvents.get(0).payload).contains("\"priority\":\"P1\"").contains(created.<String>path("rulesetVersion"));
        assertThat(decisionEvents.get(0).principalKind).isEqualTo("user");
        assertThat(decisionEvents.get(0).principalId).isEqualTo("tester");
    }

    @Test
    void resubmittingTheSameAlertReturnsTheFirstDecision() {
        String externalId = "dup-" + UUID.randomUUID();
        String first = given().contentType(ContentType.JSON).body(Fixtures.alert("powershell-cradle.json", externalId))
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode()).extract().path("id");
        long alertsBefore = alerts.count();

        String changedTitle = Fixtures.alert("powershell-cradle.json", externalId).replace("Encoded PowerShell", "Retried PowerShell");
        given().contentType(ContentType.JSON).body(changedTitle)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.OK.getStatusCode())
                .header("Location", matchesPattern(".*/api/v1/decisions/" + first))
                .body("id", equalTo(first));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
        assertThat(audit.count("type = ?1 and subjectId = ?2", "decision.made", first)).isEqualTo(1);
    }
}
