package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Alerts decided at the same moment are stored in one transaction ({@link GroupCommit}), and each request still gets
 * the answer it would have got alone: a repeat in the batch, or two submissions of one alert, change nothing for the
 * others. The test holds the queue, submits, and lets go once every decision is queued, so the batch is certain.
 */
@QuarkusTest
@TestSecurity(user = "batcher", roles = {Roles.INGEST, Roles.ANALYST})
class GroupCommitResourceTest {

    @Inject
    GroupCommitControl groupCommit;

    @Inject
    AuditRepository audit;

    @Inject
    AlertRepository alerts;

    @Test
    void alertsDecidedAtTheSameMomentAreStoredInOneTransaction() throws Exception {
        String run = run();
        long batches = groupCommit.batches();
        long grouped = groupCommit.grouped();
        long retried = groupCommit.retried();

        List<ExtractableResponse<Response>> answers = groupCommit.postAlerts(
                List.of(body("a", run), body("b", run), body("c", run), body("d", run), body("e", run), body("f", run)));

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201);
        assertThat(groupCommit.batches() - batches).as("one batch").isEqualTo(1);
        assertThat(groupCommit.grouped() - grouped).as("holding all six").isEqualTo(6);
        assertThat(groupCommit.retried()).isEqualTo(retried);
        Set<String> alertIds = new java.util.HashSet<>();
        for (ExtractableResponse<Response> answer : answers) {
            String id = answer.jsonPath().getString("id");
            alertIds.add(answer.jsonPath().getString("alertId"));
            given().when().get("/api/v1/decisions/" + id).then().statusCode(200);
        }
        assertThat(alertIds).hasSize(6);
        long received = QuarkusTransaction.requiringNew().call(() ->
                audit.count("type = ?1 and subjectId in ?2", AuditLog.ALERT_RECEIVED, alertIds));
        assertThat(received).isEqualTo(6);
    }

    @Test
    void aRepeatInTheBatchFailsItAndEachAlertIsThenStoredAlone() throws Exception {
        String run = run();
        String first = given().contentType(ContentType.JSON).body(body("repeat", run)).when().post("/api/v1/alerts")
                .then().statusCode(201).extract().path("id");
        long batches = groupCommit.batches();
        long retried = groupCommit.retried();

        List<ExtractableResponse<Response>> answers = groupCommit.postAlerts(
                List.of(body("new-1", run), body("repeat", run), body("new-2", run), body("new-3", run)));

        assertThat(groupCommit.retried() - retried).as("the batch failed on the repeat and was written again")
                .isEqualTo(1);
        assertThat(groupCommit.batches()).as("no batch committed").isEqualTo(batches);
        assertThat(answers.get(1).statusCode()).isEqualTo(200);
        assertThat(answers.get(1).jsonPath().getString("id")).isEqualTo(first);
        for (int i : new int[] {0, 2, 3}) {
            assertThat(answers.get(i).statusCode()).as("new alert %d", i).isEqualTo(201);
            assertThat(answers.get(i).jsonPath().getString("id")).isNotEqualTo(first);
        }
        assertThat(storedAlerts("repeat", run)).isEqualTo(1);
        assertThat(storedAlerts("new-1", run)).isEqualTo(1);
    }

    @Test
    void twoSubmissionsOfOneAlertAreNeverInOneBatch() throws Exception {
        String run = run();
        long batches = groupCommit.batches();
        long retried = groupCommit.retried();

        List<ExtractableResponse<Response>> answers = groupCommit.postAlerts(
                List.of(body("twice", run), body("other", run), body("twice", run)));

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsExactlyInAnyOrder(201, 201, 200);
        assertThat(answers.get(0).jsonPath().getString("id")).isEqualTo(answers.get(2).jsonPath().getString("id"));
        assertThat(groupCommit.retried()).as("the second waited for the next batch, nothing failed").isEqualTo(retried);
        assertThat(groupCommit.batches() - batches).isEqualTo(1);
        assertThat(storedAlerts("twice", run)).isEqualTo(1);
    }

    private long storedAlerts(String name, String run) {
        return QuarkusTransaction.requiringNew().call(() -> alerts.count("externalId", externalId(name, run)));
    }

    private static String body(String name, String run) {
        return Fixtures.alert("powershell-cradle.json", externalId(name, run));
    }

    private static String externalId(String name, String run) {
        return "group-" + run + "-" + name;
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
