package dev.arbiter.intake.format;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.DecisionRepository;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** An Alertmanager notification decides each firing alert; a resolved one closes its decision, never opens one. */
@QuarkusTest
@TestSecurity(user = "siem", roles = {Roles.INGEST, Roles.ANALYST})
class AlertmanagerResourceTest {

    @Inject
    AlertRepository alerts;

    @Inject
    DecisionRepository decisions;

    @Inject
    AuditRepository audit;

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void eachFiringAlertGetsItsOwnDecision() {
        String brute = fingerprint();
        String egress = fingerprint();
        String notification = FormatFixtures.read("alertmanager", "firing-two-alerts.json")
                .replace("3b1f9c0d2e4a5b6c", brute).replace("a0c4e2f1b3d59786", egress);

        JsonPath results = post(notification)
                .statusCode(Status.OK.getStatusCode())
                .body("format", equalTo("alertmanager"))
                .body("created", equalTo(2))
                .body("results.index", equalTo(List.of(0, 1)))
                .body("results.status", equalTo(List.of("created", "created")))
                .body("results.externalId", equalTo(List.of(brute, egress)))
                .extract().jsonPath();

        given().when().get("/api/v1/decisions/" + results.getString("results[0].decisionId"))
                .then().statusCode(Status.OK.getStatusCode())
                .body("source", equalTo("alertmanager"))
                .body("risk.factors.find { it.rule == 'Critical vendor severity raises risk' }.reason",
                        equalTo("alertmanager rated the alert critical"))
                .body("risk.factors.find { it.rule == 'High-criticality asset raises risk' }.reason",
                        equalTo("web-01 is a high-criticality asset"));
        assertThat(alerts.findBySourceAndExternalId("alertmanager", brute).orElseThrow().rawJson)
                .as("the notification as received").isEqualTo(notification);

        post(notification)
                .statusCode(Status.OK.getStatusCode())
                .body("existing", equalTo(2))
                .body("results.decisionId", equalTo(results.getList("results.decisionId")));
    }

    @Test
    void resolvedAlertClosesItsDecisionOnceAndDecidesNothing() {
        String brute = fingerprint();
        String neverSeen = fingerprint();
        String firing = FormatFixtures.read("alertmanager", "firing-two-alerts.json").replace("3b1f9c0d2e4a5b6c", brute)
                .replace("a0c4e2f1b3d59786", fingerprint());
        String decisionId = post(firing).statusCode(Status.OK.getStatusCode()).extract().path("results[0].decisionId");
        String alertId = alerts.findBySourceAndExternalId("alertmanager", brute).orElseThrow().id.toString();
        long decisionsBefore = decisions.count();
        long alertsBefore = alerts.count();
        String resolved = FormatFixtures.read("alertmanager", "resolved.json")
                .replace("3b1f9c0d2e4a5b6c", brute).replace("77aa0c2b9d8e1f34", neverSeen);

        post(resolved)
                .statusCode(Status.OK.getStatusCode())
                .body("resolved", equalTo(2))
                .body("created", equalTo(0))
                .body("results[0].status", equalTo("resolved"))
                .body("results[0].decisionId", equalTo(decisionId))
                .body("results[1].status", equalTo("resolved"))
                .body("results[1].externalId", equalTo(neverSeen))
                .body("results[1].decisionId", nullValue());
        post(resolved).statusCode(Status.OK.getStatusCode()).body("resolved", equalTo(2));

        assertThat(decisions.count()).isEqualTo(decisionsBefore);
        assertThat(alerts.count()).isEqualTo(alertsBefore);
        List<AuditEvent> closing = audit.forSubject(alertId).stream().filter(e -> e.type.equals("alert.resolved")).toList();
        assertThat(closing).hasSize(1);
        assertThat(closing.get(0).payload).contains("\"decisionId\":\"" + decisionId + "\"");
    }

    @Test
    void oneBadAlertDoesNotSinkTheNotification() {
        String notification = FormatFixtures.read("alertmanager", "unicode-one-bad-alert.json")
                .replace("c0ffee00d15ea5e1", fingerprint()).replace("5eed1e55facade00", fingerprint());

        post(notification)
                .statusCode(Status.OK.getStatusCode())
                .body("results.status", equalTo(List.of("created", "rejected", "created")))
                .body("results[1].index", equalTo(1))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.type", equalTo("https://arbiter.dev/problems/invalid-document"))
                .body("results[1].problem.errors[0].field", equalTo("$.alerts[1].fingerprint"))
                .body("results[1].problem.detail", equalTo("Not a valid alertmanager alert: $.alerts[1].fingerprint is required"));
    }

    @Test
    void anAlertWithoutHostDecides() {
        String notification = FormatFixtures.read("alertmanager", "no-host.json").replace("9a8b7c6d5e4f3a2b", fingerprint());

        post(notification)
                .statusCode(Status.OK.getStatusCode())
                .body("results[0].status", equalTo("created"))
                .body("results[0].priority", org.hamcrest.Matchers.matchesPattern("P[1-4]"));
    }

    private io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/alertmanager")
                .then();
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
