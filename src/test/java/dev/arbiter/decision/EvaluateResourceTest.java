package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class EvaluateResourceTest {

    @Inject
    AlertRepository alerts;

    @Inject
    DecisionRepository decisions;

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
    void dryRunDecidesLikeASubmissionAndStoresNothing() {
        String body = Fixtures.alert("powershell-cradle.json", "dry-" + UUID.randomUUID());
        long alertsBefore = alerts.count();
        long decisionsBefore = decisions.count();
        long eventsBefore = audit.count();

        var dryRun = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluate")
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("id", nullValue())
                .body("priority", equalTo("P1"))
                .body("actions.type", hasItem("isolate-host"))
                .extract().jsonPath();

        assertThat(alerts.count()).isEqualTo(alertsBefore);
        assertThat(decisions.count()).isEqualTo(decisionsBefore);
        assertThat(audit.count()).isEqualTo(eventsBefore);

        var submitted = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
        assertThat(submitted.getInt("risk.score")).isEqualTo(dryRun.getInt("risk.score"));
        assertThat(submitted.getList("risk.factors")).isEqualTo(dryRun.getList("risk.factors"));
        assertThat(submitted.getList("actions.type")).isEqualTo(dryRun.getList("actions.type"));
        assertThat(submitted.getList("actions.target")).isEqualTo(dryRun.getList("actions.target"));
        // page-on-call has no responder in the tests: the dry run says so, as the submission does
        assertThat(dryRun.getString("actions.find { it.type == 'page-on-call' }.status")).isEqualTo("no-responder");
        assertThat(submitted.getList("actions.status")).isEqualTo(dryRun.getList("actions.status"));
        assertThat(submitted.getMap("explanation")).isEqualTo(dryRun.getMap("explanation"));
    }

    @Test
    void dryRunValidatesLikeASubmission() {
        given().contentType(ContentType.JSON).body("{\"source\": \"edr\"}")
                .when().post("/api/v1/evaluate")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("$.occurredAt"));
    }
}
