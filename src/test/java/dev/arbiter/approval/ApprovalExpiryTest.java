package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.approve;
import static dev.arbiter.approval.ApprovalFixtures.approver;
import static dev.arbiter.approval.ApprovalFixtures.auditEvents;
import static dev.arbiter.approval.ApprovalFixtures.auditTypes;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.DecisionChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Expiry is default-deny, with one escalation first. The sweep runs on a schedule that the test profile turns off;
 * these tests move the {@link TestClock} and call the sweep's methods themselves.
 */
@QuarkusTest
class ApprovalExpiryTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    @Inject
    TestClock clock;

    @Inject
    ApprovalService approvals;

    @Inject
    ApprovalSweep sweep;

    @Inject
    RecordedEvents events;

    @Inject
    AuditRepository audit;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anApprovalNobodyDecidesIsDeniedAtItsDeadline() {
        JsonPath decision = submitBeacon(clock, "web-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "block-ip");
        String actionId = decision.getString("actions.find { it.type == 'block-ip' }.id");

        clock.advance(Duration.ofMinutes(59));
        approvals.expireOverdue();
        assertThat(approval(approvalId).getString("status")).isEqualTo("pending");
        assertThat(approval(approvalId).getLong("secondsLeft")).isEqualTo(60);

        clock.advance(Duration.ofMinutes(1));
        assertThat(approvals.expireOverdue()).isPositive();

        JsonPath expired = approval(approvalId);
        assertThat(expired.getString("status")).isEqualTo("expired");
        assertThat(expired.getString("resolution")).contains("denied");
        assertThat(expired.getString("action.status")).isEqualTo("expired");
        assertThat(events.readyActions(decisionId)).map(UUID::toString).doesNotContain(actionId);
        assertThat(events.changes(decisionId, approvalId)).extracting(DecisionChanged::change).containsExactly("expired");
        assertThat(auditEvents(audit, approvalId)).extracting(e -> e.type + " by " + e.principalKind)
                .containsExactly("approval.requested by token", "approval.expired by system");

        approve("approver-alice", approvalId).then().statusCode(Status.CONFLICT.getStatusCode())
                .body("detail", containsString("already expired"));
        assertThat(approvals.expireOverdue()).as("nothing left to expire twice").isZero();
    }

    @Test
    void aVoteAfterTheDeadlineIsRefusedEvenBeforeTheSweepRuns() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");
        clock.advance(Duration.ofMinutes(61));

        approve("approver-alice", approvalId).then().statusCode(Status.CONFLICT.getStatusCode())
                .contentType("application/problem+json").body("detail", containsString("expired"));

        JsonPath expired = approval(approvalId);
        assertThat(expired.getString("status")).isEqualTo("expired");
        assertThat(expired.getList("votes")).isEmpty();
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested", "approval.expired");
    }

    @Test
    void oneOfTwoApprovalsAtTheDeadlineIsStillADenial() {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "isolate-host");
        approve("approver-alice", approvalId).then().statusCode(200);

        clock.advance(Duration.ofMinutes(31));
        approvals.expireOverdue();

        assertThat(approval(approvalId).getString("status")).isEqualTo("expired");
        assertThat(approval(approvalId).getInt("approvals")).isEqualTo(1);
        assertThat(events.readyActions(decisionId)).map(UUID::toString)
                .doesNotContain(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
    }

    @Test
    void requestsThatFellDueWhileNothingRanAreExpiredOnStart() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");
        clock.advance(Duration.ofHours(5)); // as if every replica had been down for hours

        sweep.onStart(null);

        assertThat(approval(approvalId).getString("status")).isEqualTo("expired");
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested", "approval.expired");
    }

    @Test
    void escalatesOnceBeforeTheDeadlineThenExpires() {
        JsonPath decision = submitBeacon(clock, "web-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        String approvalId = approvalOf(decision, "block-ip"); // 60 minutes; escalation 15 minutes before, +30 once

        clock.advance(Duration.ofMinutes(44));
        approvals.escalateDue();
        assertThat(approval(approvalId).getString("escalatedAt")).isNull();

        clock.advance(Duration.ofMinutes(2));
        assertThat(approvals.escalateDue()).isPositive();
        JsonPath escalated = approval(approvalId);
        assertThat(escalated.getString("status")).isEqualTo("pending");
        assertThat(escalated.getString("escalatedAt")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(46)).toString());
        assertThat(escalated.getString("escalationGroup")).isEqualTo("soc-managers");
        assertThat(escalated.getString("approverGroup")).isEqualTo("network-team");
        assertThat(escalated.getString("deadline")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(90)).toString());
        assertThat(events.changes(decisionId, approvalId)).extracting(DecisionChanged::change).containsExactly("escalated");
        assertThat(events.changes(decisionId, approvalId).get(0).details()).containsEntry("escalationGroup", "soc-managers");
        AuditEvent event = auditEvents(audit, approvalId).get(1);
        assertThat(event.type).isEqualTo("approval.escalated");
        assertThat(event.payload).contains("\"previousDeadline\":\"" + TestClock.START.plus(Duration.ofMinutes(60)) + "\"");
        assertThat(approver("approvals-reader").queryParam("group", "soc-managers").queryParam("limit", 200)
                .when().get("/api/v1/approvals").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .contains(approvalId);

        clock.advance(Duration.ofMinutes(34)); // 80 minutes: within 15 of the new deadline, but it was escalated once
        approvals.escalateDue();
        assertThat(approval(approvalId).getString("deadline")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(90)).toString());

        clock.advance(Duration.ofMinutes(10));
        approvals.expireOverdue();
        assertThat(approval(approvalId).getString("status")).isEqualTo("expired");
        assertThat(auditTypes(audit, approvalId)).containsExactly("approval.requested", "approval.escalated", "approval.expired");
        assertThat(events.changes(decisionId, approvalId)).extracting(DecisionChanged::change).containsExactly("escalated", "expired");
    }
}
