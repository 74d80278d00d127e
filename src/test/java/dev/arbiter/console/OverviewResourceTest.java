package dev.arbiter.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The overview's aggregates over a window of its own: the test moves the clock a year ahead so only its own alerts
 * fall in the window.
 */
@QuarkusTest
class OverviewResourceTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void countsDecisionsAutomationApprovalsAndRulesOfItsWindow() {
        clock.advance(java.time.Duration.ofDays(733)); // a window no other test class moves its clock into
        String since = clock.instant().minusSeconds(3600).toString();
        String submitter = ConsoleUsers.create("overview-sub", "ingest");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "Overview one", "overview-01"), "block-ip");
        ConsoleAlerts.beacon(clock, submitter, "Overview two", "overview-02");
        clock.advance(java.time.Duration.ofMinutes(10));
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("overview-approver", "approver"));
        approver.jsonWithToken().body("{}").when().post("/api/v1/approvals/" + approval + "/approve").then().statusCode(200);
        String until = clock.instant().plusSeconds(1).toString();

        approver.request().queryParam("since", since).queryParam("until", until).when().get("/api/v1/stats/overview")
                .then().statusCode(200)
                .body("bucket", equalTo("hour"))
                .body("totalDecisions", equalTo(2))
                .body("totalAlerts", equalTo(2))
                // each beacon: a ticket (auto), an isolation and a block (both wait for a person)
                .body("automation.automatic", greaterThanOrEqualTo(2))
                .body("automation.gated", equalTo(4))
                .body("approvals.opened", equalTo(4))
                .body("approvals.approved", equalTo(1))
                .body("approvals.medianSeconds", equalTo(600))
                .body("topRules.rule", hasItem("Command and control tactic raises risk"))
                .body("topRules.find { it.rule == 'Command and control tactic raises risk' }.decisions", equalTo(2));
        approver.request().queryParam("since", "2026-01-01T00:00:00Z").queryParam("until", "2026-03-01T00:00:00Z")
                .when().get("/api/v1/stats/overview").then().statusCode(422);
    }

    @Test
    void overviewPageShowsFiguresAndLoadsChartJsFromTheApplication() {
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("overview-auditor", "auditor"));
        auditor.get("/console/overview").then().statusCode(200)
                .body(containsString("/webjars/chart.js/dist/chart.umd.min.js"))
                .body(containsString("id=\"chart-decisions\""))
                .body(containsString("median approval time"));
        auditor.get("/webjars/chart.js/dist/chart.umd.min.js").then().statusCode(200);
        auditor.get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        auditor.request().queryParam("days", "99").when().get("/console/overview").then().statusCode(400);
        ConsoleSession ruleAuthor = ConsoleSession.signIn(ConsoleUsers.create("overview-author", "rule-author"));
        ruleAuthor.get("/console/overview").then().statusCode(403);
    }
}
