package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.SUBMITTER;
import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.approve;
import static dev.arbiter.approval.ApprovalFixtures.approver;
import static dev.arbiter.approval.ApprovalFixtures.as;
import static dev.arbiter.approval.ApprovalFixtures.auditTypes;
import static dev.arbiter.approval.ApprovalFixtures.reject;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.Principal;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.ruleset.ActiveRuleset;
import dev.arbiter.security.Roles;
import dev.arbiter.security.SeparationOfDuties;
import dev.arbiter.security.SeparationOfDuties.Duty;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ApprovalResourceTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    @Inject
    TestClock clock;

    @Inject
    RecordedEvents events;

    @Inject
    AuditRepository audit;

    @Inject
    SeparationOfDuties duties;

    @Inject
    ActiveRuleset rulesets;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void gatedActionsWaitWithAnApprovalShownOnTheDecision() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));

        assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");
        assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.gate")).isEqualTo("two-approvers");
        assertThat(decision.getString("actions.find { it.type == 'block-ip' }.gate")).isEqualTo("one-approver");
        assertThat(decision.getString("actions.find { it.type == 'open-ticket' }.status")).isEqualTo("queued");
        assertThat(decision.getString("actions.find { it.type == 'open-ticket' }.gate")).isEqualTo("auto");
        assertThat(decision.getString("actions.find { it.type == 'open-ticket' }.approvalId")).isNull();
        // every automatic action is ready; those whose type has no responder here were settled as they were queued
        List<String> queued = decision.getList(
                "actions.findAll { it.status == 'queued' || it.status == 'no-responder' }.id");
        assertThat(events.readyActions(decisionId)).map(UUID::toString).containsExactlyInAnyOrderElementsOf(queued);

        String approvalId = approvalOf(decision, "isolate-host");
        JsonPath approval = approval(approvalId);
        assertThat(approval.getString("status")).isEqualTo("pending");
        assertThat(approval.getString("decisionId")).isEqualTo(decisionId.toString());
        assertThat(approval.getString("actionType")).isEqualTo("isolate-host");
        assertThat(approval.getString("target")).isEqualTo("host:fin-db-01");
        assertThat(approval.getInt("requiredApprovals")).isEqualTo(2);
        assertThat(approval.getInt("approvals")).isZero();
        assertThat(approval.getString("approverGroup")).isEqualTo("soc-leads");
        assertThat(approval.getString("deadline")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(30)).toString());
        assertThat(approval.getLong("secondsLeft")).isEqualTo(1800);
        assertThat(approval.getString("digest")).matches("sha256:[0-9a-f]{64}");
        assertThat(approval.getString("rulesetVersion")).isEqualTo(decision.getString("rulesetVersion"));
        assertThat(approval.getList("policy.matchedRules")).containsExactly("approval-isolate-crown-jewel");
        assertThat(approval.getString("action.id")).isEqualTo(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        assertThat(approval.getList("votes")).isEmpty();
        assertThat(approval.getList("decision.risk.factors.rule")).contains("Crown-jewel asset raises risk");
        assertThat(approval.getList("decision.explanation.dmn.decision")).contains("Priority", "Response Actions");
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested");
    }

    @Test
    void oneApproverApprovesAndTheActionBecomesReadyForDispatch() {
        JsonPath decision = submitBeacon(clock, "web-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "block-ip");
        String actionId = decision.getString("actions.find { it.type == 'block-ip' }.id");
        assertThat(events.readyActions(decisionId)).map(UUID::toString).doesNotContain(actionId);

        JsonPath approved = approve("approver-alice", approvalId).then().statusCode(200).extract().jsonPath();

        assertThat(approved.getString("status")).isEqualTo("approved");
        assertThat(approved.getInt("approvals")).isEqualTo(1);
        assertThat(approved.getString("votes[0].verdict")).isEqualTo("approve");
        assertThat(approved.getString("votes[0].principal.kind")).isEqualTo("token");
        assertThat(approved.getString("votes[0].principal.id")).endsWith("#approver-alice");
        assertThat(approved.getString("votes[0].comment")).isEqualTo("looks right");
        assertThat(approved.getString("votes[0].votedAt")).isEqualTo(TestClock.START.toString());
        assertThat(approved.getString("secondsLeft")).isNull();
        // block-ip has no responder in these tests: queued once approved, and settled as no-responder at once
        assertThat(approved.getString("action.status")).isEqualTo("no-responder");
        assertThat(events.readyActions(decisionId)).map(UUID::toString).containsOnlyOnce(actionId);
        List<DecisionChanged> changes = events.changes(decisionId).stream()
                .filter(c -> actionId.equals(c.details().get("actionId"))).toList();
        assertThat(changes).extracting(DecisionChanged::change).containsExactly("approved", "failed");
        assertThat(changes.get(0).details()).containsEntry("approvalId", approvalId);
        assertThat(changes.get(1).details()).containsEntry("status", "no-responder");
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested", "approval.voted", "approval.approved");
        as("reader", Roles.ANALYST).when().get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                .body("actions.find { it.type == 'block-ip' }.status", equalTo("no-responder"))
                .body("actions.find { it.type == 'block-ip' }.approvalId", equalTo(approvalId));
    }

    @Test
    void aCrownJewelNeedsTwoDifferentApprovers() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "isolate-host");
        String actionId = decision.getString("actions.find { it.type == 'isolate-host' }.id");

        approve("approver-alice", approvalId).then().statusCode(200).body("status", equalTo("pending")).body("approvals", equalTo(1));
        assertThat(events.readyActions(decisionId)).map(UUID::toString).doesNotContain(actionId);
        approve("approver-bob", approvalId).then().statusCode(200).body("status", equalTo("approved")).body("approvals", equalTo(2));

        assertThat(events.readyActions(decisionId)).map(UUID::toString).containsOnlyOnce(actionId);
        assertThat(approval(approvalId).getList("votes.principal.name"))
                .containsExactly("approver-alice@example.test", "approver-bob@example.test");
        assertThat(auditTypes(audit, approvalId))
                .containsExactly("approval.requested", "approval.voted", "approval.voted", "approval.approved");
    }

    @Test
    void oneRejectionRejectsAndTheActionIsNeverReady() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "isolate-host");
        String actionId = decision.getString("actions.find { it.type == 'isolate-host' }.id");

        approve("approver-alice", approvalId).then().statusCode(200);
        JsonPath rejected = reject("approver-bob", approvalId, "the database is being migrated, isolating it loses data")
                .then().statusCode(200).extract().jsonPath();

        assertThat(rejected.getString("status")).isEqualTo("rejected");
        assertThat(rejected.getString("resolution")).contains("the database is being migrated");
        assertThat(rejected.getString("votes[1].verdict")).isEqualTo("reject");
        assertThat(rejected.getString("votes[1].comment")).isEqualTo("the database is being migrated, isolating it loses data");
        assertThat(rejected.getString("action.status")).isEqualTo("rejected");
        assertThat(events.readyActions(decisionId)).map(UUID::toString).doesNotContain(actionId);
        List<DecisionChanged> changes = events.changes(decisionId, approvalId);
        assertThat(changes).extracting(DecisionChanged::change).containsExactly("rejected");
        assertThat(changes.get(0).details())
                .containsEntry("reason", "the database is being migrated, isolating it loses data");
        assertThat(auditTypes(audit, approvalId))
                .containsExactly("approval.requested", "approval.voted", "approval.voted", "approval.rejected");

        approve("approver-carol", approvalId).then().statusCode(Status.CONFLICT.getStatusCode())
                .contentType("application/problem+json").body("detail", containsString("already rejected"));
    }

    @Test
    void aRejectionNeedsAReason() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");

        reject("approver-alice", approvalId, null).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("$.reason"));
        reject("approver-alice", approvalId, "   ").then().statusCode(422).body("errors[0].field", equalTo("$.reason"));
        approver("approver-alice").contentType(ContentType.JSON).when().post("/api/v1/approvals/" + approvalId + "/reject")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("$.reason"));

        assertThat(approval(approvalId).getString("status")).isEqualTo("pending");
        assertThat(approval(approvalId).getList("votes")).isEmpty();
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested");
    }

    @Test
    void theSubmitterOfTheAlertCannotVote() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");

        approve(SUBMITTER, approvalId).then().statusCode(Status.FORBIDDEN.getStatusCode())
                .contentType("application/problem+json")
                .body("type", equalTo("https://arbiter.dev/problems/four-eyes"))
                .body("detail", containsString("You submitted the alert"))
                .body("detail", containsString("Four-eyes"));
        reject(SUBMITTER, approvalId, "I changed my mind").then().statusCode(Status.FORBIDDEN.getStatusCode());

        assertThat(approval(approvalId).getString("status")).isEqualTo("pending");
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested");
    }

    @Test
    void theAuthorOfTheActiveRulesetCannotVote() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");
        duties.record(new Principal("token", "https://idp.example.test#rules-author", "rules-author"), rulesets.get().version(),
                Duty.AUTHORED);

        approve("rules-author", approvalId).then().statusCode(Status.FORBIDDEN.getStatusCode())
                .body("type", equalTo("https://arbiter.dev/problems/four-eyes"))
                .body("detail", containsString("You authored the active ruleset"));
        assertThat(approval(approvalId).getString("status")).isEqualTo("pending");
    }

    @Test
    void nobodyVotesTwice() {
        String approvalId = approvalOf(submitBeacon(clock, "fin-db-01"), "isolate-host");

        approve("approver-alice", approvalId).then().statusCode(200);
        approve("approver-alice", approvalId).then().statusCode(Status.CONFLICT.getStatusCode())
                .contentType("application/problem+json").body("type", equalTo("https://arbiter.dev/problems/already-voted"));
        reject("approver-alice", approvalId, "second thoughts").then().statusCode(Status.CONFLICT.getStatusCode());

        JsonPath approval = approval(approvalId);
        assertThat(approval.getString("status")).isEqualTo("pending");
        assertThat(approval.getInt("approvals")).isEqualTo(1);
        assertThat(approval.getList("votes")).hasSize(1);
        assertThat(duties.voted(new Principal("token", "https://idp.example.test#approver-alice", "x"), approvalId)).isTrue();
    }

    @Test
    void aVoteIsRefusedWhenTheDigestItSawNoLongerMatches() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");
        String digest = approval(approvalId).getString("digest");

        approver("approver-alice").contentType(ContentType.JSON)
                .body(Map.of("comment", "ok", "digest", "sha256:" + "0".repeat(64)))
                .when().post("/api/v1/approvals/" + approvalId + "/approve")
                .then().statusCode(Status.CONFLICT.getStatusCode()).body("type", equalTo("https://arbiter.dev/problems/digest-mismatch"));
        approver("approver-alice").contentType(ContentType.JSON).body(Map.of("comment", "ok", "digest", digest))
                .when().post("/api/v1/approvals/" + approvalId + "/approve")
                .then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void anUnknownApprovalIsNotFound() {
        approver("approver-alice").when().get("/api/v1/approvals/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        approver("approver-alice").when().get("/api/v1/approvals/not-a-uuid").then().statusCode(404);
        approve("approver-alice", UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void listsSoonestDeadlineFirstWithFiltersAndCursors() {
        String isolation = approvalOf(submitBeacon(clock, "fin-db-01"), "isolate-host"); // 30 minutes
        clock.advance(Duration.ofMinutes(1));
        JsonPath web = submitBeacon(clock, "web-01"); // both 60 minutes
        String block = approvalOf(web, "block-ip");
        String webIsolation = approvalOf(web, "isolate-host");

        List<Map<String, Object>> pending = all(Map.of("status", "pending"));
        assertThat(pending).extracting(item -> (String) item.get("status")).containsOnly("pending");
        assertThat(pending).extracting(item -> (String) item.get("deadline")).isSorted();
        assertThat(pending).extracting(item -> (String) item.get("id")).doesNotHaveDuplicates()
                .contains(isolation, block, webIsolation);
        List<String> ids = pending.stream().map(item -> (String) item.get("id")).toList();
        assertThat(ids.indexOf(isolation)).isLessThan(ids.indexOf(block));

        assertThat(all(Map.of("group", "network-team"))).extracting(item -> (String) item.get("actionType")).containsOnly("block-ip");
        assertThat(all(Map.of("actionType", "isolate-host", "status", "pending")))
                .extracting(item -> (String) item.get("id")).contains(isolation, webIsolation).doesNotContain(block);
        assertThat(pending.get(0)).doesNotContainKeys("decision", "votes", "action");

        approver("approver-alice").queryParam("status", "open").when().get("/api/v1/approvals").then().statusCode(422)
                .body("errors[0].field", equalTo("status"));
        approver("approver-alice").queryParam("limit", "0").when().get("/api/v1/approvals").then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
        approver("approver-alice").queryParam("cursor", "bm9wZQ").when().get("/api/v1/approvals").then().statusCode(422)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void anUnknownHostIsContainedOnlyWithApprovalAndTheDecisionSaysWhy() {
        JsonPath decision = submitBeacon(clock, "fin-db-09");

        assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");
        assertThat(decision.getList("actions.find { it.type == 'isolate-host' }.assumptions"))
                .containsExactly("host fin-db-09 is not in the inventory: treated as production");
        assertThat(approval(approvalOf(decision, "isolate-host")).getList("policy.matchedRules"))
                .containsExactly("approval-isolate-production");
    }

    @Test
    void theDryRunShowsEachGateAndOpensNothing() {
        String body = """
                {
                  "source": "approvals-test", "externalId": "dry-run", "title": "Beacon", "category": "command-and-control",
                  "severity": "critical", "confidence": 90, "occurredAt": "2026-11-28T02:15:00Z",
                  "entities": { "hosts": [{ "hostname": "fin-db-01" }], "ips": [{ "address": "203.0.113.9", "direction": "outbound" }] }
                }
                """;
        JsonPath dryRun = as("dry-runner", Roles.ANALYST).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().jsonPath();

        assertThat(dryRun.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");
        assertThat(dryRun.getString("actions.find { it.type == 'isolate-host' }.gate")).isEqualTo("two-approvers");
        assertThat(dryRun.getString("actions.find { it.type == 'isolate-host' }.approvalId")).isNull();
        assertThat(dryRun.getString("actions.find { it.type == 'open-ticket' }.status")).isEqualTo("queued");
    }

    /** Every item of the listing with these filters, page by page (three per page, to exercise the cursor). */
    private static List<Map<String, Object>> all(Map<String, String> filters) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = approver("approvals-reader").queryParams(filters).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/approvals").then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }
}
