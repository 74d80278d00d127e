package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The approval inbox: who sees it, what a card says, votes with and without the CSRF token, four-eyes refusals. */
@QuarkusTest
class InboxResourceTest {

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
    void approverSeesThePendingRequestWithItsWhyAndVoteButtons() {
        String submitter = ConsoleUsers.create("inbox-sub", "ingest");
        JsonPath decision = ConsoleAlerts.beacon(clock, submitter, "Inbox card beacon", "inbox-card-01");
        String approval = ConsoleAlerts.approvalOf(decision, "block-ip");

        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("inbox-approver", "approver"));
        String page = approver.get("/console/approvals").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"approval-" + approval + "\"")
                .contains("block-ip").contains("ip:203.0.113.9")
                .contains("Inbox card beacon")
                .contains("host inbox-card-01: not in the inventory")
                .contains("IP 203.0.113.9: outbound, external, known bad")
                .contains("Known-bad IP address raises risk")
                .contains("approval-block-ip")
                .contains("/console/approvals/" + approval + "/approve")
                .contains("name=\"csrf-token\" value=\"" + approver.csrf() + "\"")
                .contains(submitter);
    }

    @Test
    void auditorGetsNoInboxAndNoVoteButtons() {
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("inbox-auditor", "auditor"));
        auditor.get("/console/approvals").then().statusCode(403).body(containsString("for approvers"));
        auditor.get("/console").then().statusCode(200).body(not(containsString("href=\"/console/approvals\"")));
        auditor.formWithToken().formParam("comment", "ok").when().post("/console/approvals/" + java.util.UUID.randomUUID() + "/approve")
                .then().statusCode(403);
    }

    @Test
    void voteWithoutTheCsrfTokenIsRefusedAndCountsNothing() {
        String submitter = ConsoleUsers.create("csrf-sub", "ingest");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "CSRF beacon", "csrf-01"), "block-ip");
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("csrf-approver", "approver"));

        approver.form().formParam("comment", "forged").when().post("/console/approvals/" + approval + "/approve")
                .then().statusCode(400);
        approver.request().contentType("application/x-www-form-urlencoded").formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
                .when().post("/console/approvals/" + approval + "/approve").then().statusCode(400);

        approver.get("/console/approvals").then().statusCode(200).body(containsString("0 of 1 approval"));
    }

    @Test
    void approverApprovesAndTheRequestIsApproved() {
        String submitter = ConsoleUsers.create("vote-sub", "ingest");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "Vote beacon", "vote-01"), "block-ip");
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("vote-approver", "approver"));

        Response voted = approver.formWithToken().header("HX-Request", "true").formParam("comment", "blocking it")
                .formParam("digest", "").when().post("/console/approvals/" + approval + "/approve");
        assertThat(voted.statusCode()).isEqualTo(200);
        assertThat(voted.asString()).contains("Approved: your vote is recorded").contains("data-status=\"approved\"")
                .contains("blocking it").contains("hx-swap-oob");

        approver.request().header("X-CSRF-TOKEN", approver.csrf()).when().get("/api/v1/approvals/" + approval)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("approved"));
    }

    @Test
    void submitterWhoMayApproveIsRefusedWithTheFourEyesReason() {
        String submitter = ConsoleUsers.create("own-sub", "ingest", "approver");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "Own beacon", "own-01"), "block-ip");
        ConsoleSession session = ConsoleSession.signIn(submitter);

        session.get("/console/approvals").then().statusCode(200)
                .body(containsString("You submitted the alert behind this action"));
        Response refused = session.formWithToken().formParam("comment", "mine").when().post("/console/approvals/" + approval + "/approve");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("Your vote was refused: You submitted the alert this action was decided for");
    }

    @Test
    void theListAnswers204WhileNothingChanged() {
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("poll-approver", "approver"));
        String state = approver.get("/console/approvals/list").then().statusCode(200).extract().htmlPath()
                .getString("**.find { it.@id == 'inbox-state' }.@value");
        approver.request().queryParam("state", state).when().get("/console/approvals/list").then().statusCode(204);
        String submitter = ConsoleUsers.create("poll-sub", "ingest");
        ConsoleAlerts.beacon(clock, submitter, "Poll beacon", "poll-01");
        approver.request().queryParam("state", state).when().get("/console/approvals/list").then().statusCode(200)
                .body(containsString("Poll beacon"));
    }
}
