package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.approve;
import static dev.arbiter.approval.ApprovalFixtures.auditTypes;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.Principal;
import dev.arbiter.common.TestClock;
import dev.arbiter.engine.ApprovalRequirement;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A re-decision that changes a waiting action voids its approval and opens a new one: votes bind to the digest. */
@QuarkusTest
class ActionChangedTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    private static final ApprovalRequirement CROWN_JEWEL =
            new ApprovalRequirement("two-approvers", 30, "soc-leads", "approval-isolate-crown-jewel", List.of());

    @Inject
    TestClock clock;

    @Inject
    ApprovalService approvals;

    @Inject
    RecordedEvents events;

    @Inject
    AuditRepository audit;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aChangedTargetVoidsTheRequestAndOpensANewOne() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        UUID actionId = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        String old = approvalOf(decision, "isolate-host");
        String oldDigest = approval(old).getString("digest");
        approve("approver-alice", old).then().statusCode(200);

        ApprovalService.Change change = approvals.actionChanged(decisionId, actionId,
                new ProposedAction("isolate-host", "host:fin-db-02", "high", "response-isolate-host", CROWN_JEWEL),
                decision.getString("rulesetVersion"), Principal.SYSTEM);

        assertThat(change.voided()).hasToString(old);
        String renewed = change.opened().toString();
        JsonPath voided = approval(old);
        assertThat(voided.getString("status")).isEqualTo("void");
        assertThat(voided.getString("replacedBy")).isEqualTo(renewed);
        assertThat(voided.getString("resolution")).contains("the action changed");
        JsonPath fresh = approval(renewed);
        assertThat(fresh.getString("status")).isEqualTo("pending");
        assertThat(fresh.getString("target")).isEqualTo("host:fin-db-02");
        assertThat(fresh.getInt("approvals")).isZero();
        assertThat(fresh.getString("digest")).isNotEqualTo(oldDigest);
        assertThat(fresh.getString("action.target")).isEqualTo("host:fin-db-02");
        assertThat(fresh.getString("action.approvalId")).isEqualTo(renewed);
        assertThat(fresh.getString("action.status")).isEqualTo("pending-approval");
        assertThat(auditTypes(audit, old)).containsExactly("approval.requested", "approval.voted", "approval.voided");
        assertThat(auditTypes(audit, renewed)).containsExactly("approval.requested");

        approve("approver-bob", old).then().statusCode(Status.CONFLICT.getStatusCode())
                .body("detail", containsString("vote on approval " + renewed));
        ApprovalFixtures.approver("approver-bob").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("digest", oldDigest))
                .when().post("/api/v1/approvals/" + renewed + "/approve")
                .then().statusCode(Status.CONFLICT.getStatusCode()).body("type", equalTo("https://arbiter.dev/problems/digest-mismatch"));
        approve("approver-alice", renewed).then().statusCode(200).body("approvals", equalTo(1));
    }

    @Test
    void aNewRulesetVersionAloneChangesTheDigest() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID actionId = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        String old = approvalOf(decision, "isolate-host");

        ApprovalService.Change change = approvals.actionChanged(UUID.fromString(decision.getString("id")), actionId,
                new ProposedAction("isolate-host", "host:fin-db-01", "high", "response-isolate-host", CROWN_JEWEL),
                "sha256:" + "1".repeat(64), Principal.SYSTEM);

        assertThat(change.voided()).hasToString(old);
        assertThat(approval(change.opened().toString()).getString("rulesetVersion")).isEqualTo("sha256:" + "1".repeat(64));
    }

    @Test
    void anUnchangedActionKeepsItsRequestAndItsVotes() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID actionId = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        String approvalId = approvalOf(decision, "isolate-host");
        approve("approver-alice", approvalId).then().statusCode(200);

        ApprovalService.Change change = approvals.actionChanged(UUID.fromString(decision.getString("id")), actionId,
                new ProposedAction("isolate-host", "host:fin-db-01", "high", "response-isolate-host", CROWN_JEWEL),
                decision.getString("rulesetVersion"), Principal.SYSTEM);

        assertThat(change).isEqualTo(new ApprovalService.Change(null, null));
        assertThat(approval(approvalId).getString("status")).isEqualTo("pending");
        assertThat(approval(approvalId).getInt("approvals")).isEqualTo(1);
    }

    @Test
    void anActionThePolicyNowLetsGoIsQueuedForDispatch() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        UUID actionId = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        String old = approvalOf(decision, "isolate-host");

        ApprovalService.Change change = approvals.actionChanged(decisionId, actionId,
                new ProposedAction("isolate-host", "host:dev-build-07", "high", "response-isolate-host",
                        new ApprovalRequirement("auto", null, null, "approval-isolate-non-production", List.of())),
                decision.getString("rulesetVersion"), Principal.SYSTEM);

        assertThat(change.voided()).hasToString(old);
        assertThat(change.opened()).isNull();
        assertThat(approval(old).getString("status")).isEqualTo("void");
        assertThat(events.readyActions(decisionId)).contains(actionId);
        ApprovalFixtures.as("reader", Roles.ANALYST).when().get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                .body("actions.find { it.id == '" + actionId + "' }.status", equalTo("queued"))
                .body("actions.find { it.id == '" + actionId + "' }.target", equalTo("host:dev-build-07"));
    }
}
