package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.as;
import static dev.arbiter.approval.ApprovalFixtures.auditEvents;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Blast-radius budgets and the kill switch: both turn automatic actions into approvals, say why, and are audited. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // budget tests: a later window counts earlier windows' decisions
class SafeguardsResourceTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    /** Far from every other test's decisions, so the budget window holds only this test's. */
    private static final java.time.Instant BUDGET_DAY = TestClock.START.plus(Duration.ofDays(400));

    @Inject
    TestClock clock;

    @Inject
    RecordedEvents events;

    @Inject
    AuditRepository audit;

    @Inject
    dev.arbiter.decision.GroupCommitControl groupCommit;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @AfterEach
    void releaseKillSwitch() {
        setKillSwitch(Map.of("engaged", false, "reason", "test over")).then().statusCode(200);
    }

    @Test
    void theKillSwitchHoldsBackEveryActionUntilReleased() {
        clock.set(TestClock.START.plus(Duration.ofDays(200)));
        String changedAt = setKillSwitch(Map.of("engaged", true, "reason", "incident 42: the EDR responder misfires"))
                .then().statusCode(200)
                .body("engaged", equalTo(true))
                .body("reason", equalTo("incident 42: the EDR responder misfires"))
                .body("changedBy.name", equalTo("kill-switch-admin@example.test"))
                .extract().path("changedAt");
        String note = "kill switch engaged by kill-switch-admin@example.test at " + changedAt
                + ": incident 42: the EDR responder misfires; every action waits for approval";
        as("switch-watcher", Roles.APPROVER).when().get("/api/v1/kill-switch").then().statusCode(200)
                .body("engaged", equalTo(true));

        JsonPath decision = submitBeacon(clock, "dev-build-07");
        UUID decisionId = UUID.fromString(decision.getString("id"));

        assertThat(decision.getList("actions.status")).containsOnly("pending-approval");
        assertThat(decision.getString("actions.find { it.type == 'open-ticket' }.gate")).isEqualTo("one-approver");
        assertThat(decision.getList("actions.find { it.type == 'open-ticket' }.notes")).containsExactly(note);
        // the dry run reads the switch outside any transaction, and says the same
        JsonPath preview = as("switch-analyst", Roles.ANALYST).contentType(ContentType.JSON)
                .body(ApprovalFixtures.beaconBody(clock, List.of("dev-build-07")))
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().jsonPath();
        assertThat(preview.getList("actions.status")).containsOnly("pending-approval");
        assertThat(preview.getList("actions.find { it.type == 'open-ticket' }.notes")).containsExactly(note);
        assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");
        assertThat(events.readyActions(decisionId)).isEmpty();
        JsonPath ticketApproval = approval(approvalOf(decision, "open-ticket"));
        assertThat(ticketApproval.getString("approverGroup")).isEqualTo("soc-leads");
        assertThat(ticketApproval.getList("policy.matchedRules")).containsExactly("approval-notifications");
        assertThat(ticketApproval.getString("deadline")).isEqualTo(clock.instant().plus(Duration.ofHours(1)).toString());

        setKillSwitch(Map.of("engaged", false, "reason", "incident 42 contained")).then().statusCode(200)
                .body("engaged", equalTo(false));
        JsonPath after = submitBeacon(clock, "web-01");
        assertThat(after.getString("actions.find { it.type == 'open-ticket' }.status")).isEqualTo("queued");
        assertThat(after.getList("actions.find { it.type == 'open-ticket' }.notes")).isNull();

        List<AuditEvent> changes = auditEvents(audit, "kill-switch");
        assertThat(changes).extracting(e -> e.type).containsOnly("kill-switch.changed");
        assertThat(changes).extracting(e -> e.payload)
                .anyMatch(p -> p.contains("\"engaged\":true") && p.contains("incident 42: the EDR responder misfires"))
                .anyMatch(p -> p.contains("\"engaged\":false") && p.contains("incident 42 contained"));
    }

    @Test
    void changingTheKillSwitchNeedsAnAdminAndAReason() {
        setKillSwitch(Map.of("engaged", true)).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("$.reason")));
        as("kill-switch-admin", Roles.ADMIN).contentType(ContentType.JSON).body("{}").when().put("/api/v1/kill-switch")
                .then().statusCode(422).body("errors.field", hasItems("$.engaged", "$.reason"));
        as("switch-watcher", Roles.APPROVER).contentType(ContentType.JSON)
                .body(Map.of("engaged", true, "reason", "approvers may not")).when().put("/api/v1/kill-switch")
                .then().statusCode(Status.FORBIDDEN.getStatusCode());
        as("switch-watcher", Roles.AUDITOR).when().get("/api/v1/kill-switch").then().statusCode(200)
                .body("engaged", equalTo(false));
    }

    @Test
    @Order(1)
    void pastItsBudgetAnAutomaticActionWaitsForApprovalAndSaysWhy() {
        clock.set(BUDGET_DAY);
        for (int i = 0; i < 5; i++) {
            JsonPath decision = submitBeacon(clock, "dev-build-07");
            assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.status")).as("isolation %d", i + 1)
                    .isEqualTo("queued");
            clock.advance(Duration.ofMinutes(1));
        }

        JsonPath sixth = submitBeacon(clock, "dev-build-07");

        assertThat(sixth.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");
        assertThat(sixth.getString("actions.find { it.type == 'isolate-host' }.gate")).isEqualTo("one-approver");
        assertThat(sixth.getList("actions.find { it.type == 'isolate-host' }.notes")).containsExactly(
                "budget for isolate-host exceeded: 5 went out automatically in the last 60 minutes, the budget is 5; "
                        + "this one waits for approval");
        List<AuditEvent> exceeded = auditEvents(audit, sixth.getString("id")).stream()
                .filter(e -> e.type.equals("budget.exceeded")).toList();
        assertThat(exceeded).hasSize(1);
        assertThat(exceeded.get(0).payload).contains("\"actionType\":\"isolate-host\"").contains("\"budget\":5")
                .contains("\"used\":5");
        as("reader", Roles.APPROVER).when().get("/api/v1/approvals/" + approvalOf(sixth, "isolate-host")).then()
                .statusCode(200).body("action.notes[0]", containsString("budget for isolate-host exceeded"));

        clock.advance(Duration.ofMinutes(57)); // the first isolation leaves the one-hour window
        JsonPath later = submitBeacon(clock, "dev-build-07");
        assertThat(later.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("queued");
    }

    @Test
    @Order(2) // a day after the test above and run after it: neither one's budget window sees the other's decisions
    void theActionsOfOneDecisionCountTowardsTheBudgetAsTheyAreGated() {
        clock.set(BUDGET_DAY.plus(Duration.ofDays(1)));
        List<String> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String host = "budget-sibling-" + i;
            testInventory.asset(host, List.of(host), List.of(), "low", "development", "small");
            hosts.add(host);
        }

        JsonPath decision = submitBeacon(clock, hosts);

        List<String> statuses = decision.getList("actions.findAll { it.type == 'isolate-host' }.status");
        assertThat(statuses).hasSize(7);
        // the budget is 5: none of the seven is written when the next is gated, yet the sixth and seventh wait
        assertThat(statuses.subList(0, 5)).containsOnly("queued");
        assertThat(statuses.subList(5, 7)).containsOnly("pending-approval");
        List<AuditEvent> exceeded = auditEvents(audit, decision.getString("id")).stream()
                .filter(e -> e.type.equals("budget.exceeded")).toList();
        assertThat(exceeded).hasSize(2);
        assertThat(exceeded.get(0).payload).contains("\"used\":5");
        assertThat(exceeded.get(1).payload).contains("\"used\":5");
    }

    @Test
    @Order(3) // two days after the first budget test, a day after the second
    void decisionsStoredInOneTransactionCountEachOthersAutomaticActions() throws Exception {
        clock.set(BUDGET_DAY.plus(Duration.ofDays(2)));
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String host = "budget-batch-" + i;
            testInventory.asset(host, List.of(host), List.of(), "low", "development", "small");
            bodies.add(ApprovalFixtures.beaconBody(clock, List.of(host)));
        }
        long batches = groupCommit.batches();
        long grouped = groupCommit.grouped();

        List<JsonPath> decisions = groupCommit.together(bodies.stream().<Callable<JsonPath>>map(body -> () ->
                as(ApprovalFixtures.SUBMITTER, Roles.INGEST).contentType(ContentType.JSON).body(body)
                        .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath()).toList());

        assertThat(groupCommit.batches() - batches).as("the seven decisions shared one transaction").isEqualTo(1);
        assertThat(groupCommit.grouped() - grouped).isEqualTo(7);
        List<String> statuses = decisions.stream()
                .map(d -> d.getString("actions.find { it.type == 'isolate-host' }.status")).toList();
        // none of the other decisions' actions is written when one is gated, yet only five go out automatically
        assertThat(statuses).filteredOn("queued"::equals).hasSize(5);
        assertThat(statuses).filteredOn("pending-approval"::equals).hasSize(2);
        List<String> heldNotes = decisions.stream()
                .filter(d -> d.getString("actions.find { it.type == 'isolate-host' }.status").equals("pending-approval"))
                .map(d -> d.getString("actions.find { it.type == 'isolate-host' }.notes[0]")).toList();
        assertThat(heldNotes).containsOnly("budget for isolate-host exceeded: 5 went out automatically in the last 60 "
                + "minutes, the budget is 5; this one waits for approval");
    }

    private static io.restassured.response.Response setKillSwitch(Map<String, Object> body) {
        return as("kill-switch-admin", Roles.ADMIN).contentType(ContentType.JSON).body(body).when().put("/api/v1/kill-switch");
    }
}
