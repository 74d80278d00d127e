package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.dispatch.DispatchWorker;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Coverage: a representative flow — an alert decided with gated actions, a vote, deliveries; an admin changing the
 * inventory, keys, the kill switch and a suppression — leaves exactly the expected event types, which the decision
 * history and the search show in chain order once sealed.
 */
@QuarkusTest
class AuditCoverageResourceTest {

    private static final String BEACON = """
            {
              "source": "audit-coverage",
              "externalId": "%s",
              "title": "Beacon to a known-bad address",
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

    @Inject
    TestClock clock;

    @Inject
    AuditSealer sealer;

    @Inject
    DispatchWorker worker;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDecisionsStoryIsInItsHistoryInChainOrder() {
        String externalId = "coverage-" + UUID.randomUUID();
        JsonPath decision = as("coverage-submitter", Roles.INGEST).contentType(ContentType.JSON)
                .body(BEACON.formatted(externalId, clock.instant().minus(Duration.ofMinutes(5)), "coverage-host-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
        String decisionId = decision.getString("id");
        String blockIp = decision.getString("actions.find { it.type == 'block-ip' }.approvalId");
        as("coverage-approver", Roles.APPROVER).contentType(ContentType.JSON).body(Map.of("comment", "block it"))
                .when().post("/api/v1/approvals/" + blockIp + "/approve").then().statusCode(200);
        worker.drain();

        JsonPath unsealed = history(decisionId);
        assertThat(unsealed.getList("chainIndex")).containsOnlyNulls();
        sealer.sealAll();
        JsonPath history = history(decisionId);

        List<String> types = history.getList("type", String.class);
        // how many actions are proposed depends on the entities' accumulated risk, which other tests move
        assertThat(types.get(0)).isEqualTo("alert.received");
        assertThat(types).containsSubsequence("alert.received", "approval.requested", "approval.requested",
                "decision.made", "approval.voted", "approval.approved");
        assertThat(types.lastIndexOf("approval.requested")).isLessThan(types.indexOf("decision.made"));
        List<String> deliveries = types.subList(types.indexOf("approval.approved") + 1, types.size());
        assertThat(deliveries).allSatisfy(type -> assertThat(type).startsWith("action."))
                .containsSubsequence("action.dispatched", "action.attempt", "action.succeeded")
                .contains("action.no-responder");
        List<Long> indexes = history.getList("chainIndex", Long.class);
        assertThat(indexes).doesNotContainNull().isSorted();
        assertThat(history.getList("seq")).doesNotContainNull();
        assertThat(history.getString("[0].principal.name")).isEqualTo("coverage-submitter@example.test");
        assertThat(history.getString("find { it.type == 'approval.voted' }.principal.name")).isEqualTo("coverage-approver@example.test");
        assertThat(history.getString("find { it.type == 'decision.made' }.payload.decisionId")).isEqualTo(decisionId);
    }

    @Test
    void adminChangesAreAuditedUnderTheAdminsName() {
        String admin = "coverage-admin-" + UUID.randomUUID();
        as(admin, Roles.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("id", "coverage-" + UUID.randomUUID(), "hostnames", List.of("coverage-" + UUID.randomUUID()),
                        "criticality", "high", "environment", "staging"))
                .when().post("/api/v1/assets").then().statusCode(201);
        as(admin, Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("name", "coverage-key", "roles", List.of("ingest")))
                .when().post("/api/v1/api-keys").then().statusCode(201);
        as(admin, Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("engaged", true, "reason", "coverage drill"))
                .when().put("/api/v1/kill-switch").then().statusCode(200);
        as(admin, Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("engaged", false, "reason", "drill over"))
                .when().put("/api/v1/kill-switch").then().statusCode(200);
        as(admin, Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("matcher", Map.of("source", "coverage-" + admin),
                        "reason", "noisy test source", "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))
                .when().post("/api/v1/suppressions").then().statusCode(201);
        sealer.sealAll();

        JsonPath found = as("coverage-auditor", Roles.AUDITOR).queryParam("principal", admin + "@example.test")
                .when().get("/api/v1/audit/events").then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("items.type", String.class)).containsExactly(
                "asset.created", "api-key.created", "kill-switch.changed", "kill-switch.changed", "suppression.created");
        assertThat(found.getList("items.chainIndex", Long.class)).doesNotContainNull().isSorted();
    }

    private static JsonPath history(String decisionId) {
        return as("coverage-analyst", Roles.ANALYST).when().get("/api/v1/decisions/" + decisionId + "/history")
                .then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(Tokens.withRoles(subject, roles));
    }
}
