package dev.arbiter.console;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** The API called from console pages with the session cookie: reads work, writes need the CSRF token header. */
@QuarkusTest
class ConsoleApiCsrfResourceTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sessionCookieReadsTheApiWithTheUsersRoles() {
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("api-auditor", "auditor"));
        auditor.get("/api/v1/decisions").then().statusCode(200);
        auditor.get("/api/v1/stats/overview").then().statusCode(200);
        auditor.get("/api/v1/users").then().statusCode(200);
        auditor.request().contentType("application/json").header("X-CSRF-TOKEN", auditor.csrf()).body("{}")
                .when().put("/api/v1/kill-switch").then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    @Test
    void stateChangingApiCallOnTheSessionWithoutTheTokenIsRefused() {
        String submitter = ConsoleUsers.create("api-sub", "ingest");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "API CSRF beacon", "api-csrf-01"), "block-ip");
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("api-approver", "approver"));

        approver.request().contentType("application/json").body(Map.of("comment", "no token"))
                .when().post("/api/v1/approvals/" + approval + "/approve")
                .then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("csrf-token-missing"));
        approver.request().contentType("application/json").header("X-CSRF-TOKEN", "AAAAAAAAAAAAAAAAAAAAAA").body(Map.of("comment", "wrong token"))
                .when().post("/api/v1/approvals/" + approval + "/approve").then().statusCode(400);
        approver.get("/api/v1/approvals/" + approval).then().statusCode(200).body("approvals", equalTo(0));

        approver.jsonWithToken().body(Map.of("comment", "with the token")).when().post("/api/v1/approvals/" + approval + "/approve")
                .then().statusCode(200).body("status", equalTo("approved"));
    }
}
