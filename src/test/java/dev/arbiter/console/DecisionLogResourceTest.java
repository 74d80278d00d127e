package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The decision log: search filters, a decision's page, the export for auditors only. */
@QuarkusTest
class DecisionLogResourceTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void searchesByRulePrincipalActionPriorityAndRuleset() {
        String submitter = ConsoleUsers.create("log-sub", "ingest");
        JsonPath decision = ConsoleAlerts.beacon(clock, submitter, "Log search beacon", "log-01");
        String id = decision.getString("id");
        String priority = decision.getString("priority");
        String version = decision.getString("rulesetVersion");
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("log-auditor", "auditor"));

        auditor.request().queryParam("principal", submitter).queryParam("rule", "command and control tactic")
                .queryParam("action", "block-ip").queryParam("priority", priority).queryParam("ruleset", version.substring(7, 20))
                .when().get("/console/decisions").then().statusCode(200)
                .body(containsString("/console/decisions/" + id)).body(containsString("Log search beacon"));
        auditor.request().queryParam("principal", submitter).queryParam("action", "disable-account")
                .when().get("/console/decisions").then().statusCode(200).body(not(containsString("/console/decisions/" + id)));
        auditor.request().queryParam("principal", submitter).queryParam("rule", "Crown-jewel asset raises risk")
                .when().get("/console/decisions").then().statusCode(200).body(not(containsString("/console/decisions/" + id)));
        auditor.request().queryParam("principal", submitter).queryParam("since", clock.instant().plusSeconds(60).toString())
                .when().get("/console/decisions").then().statusCode(200).body(not(containsString("/console/decisions/" + id)));
        auditor.request().queryParam("since", "yesterday").when().get("/console/decisions").then().statusCode(400)
                .body(containsString("From must be a date and time"));
    }

    @Test
    void decisionPageTellsTheStoryWithItsRecordedEvents() {
        String submitter = ConsoleUsers.create("story-sub", "ingest");
        String id = ConsoleAlerts.beacon(clock, submitter, "Story beacon", "story-01").getString("id");
        ConsoleSession analyst = ConsoleSession.signIn(ConsoleUsers.create("story-analyst", "analyst"));
        String page = analyst.get("/console/decisions/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("Story beacon").contains("host story-01: not in the inventory")
                .contains("Command and control tactic raises risk")
                .contains("alert.received").contains("decision.made").contains("approval.requested")
                .contains("id=\"chain-history\"").contains("pending-approval");
        analyst.get("/console/decisions/" + java.util.UUID.randomUUID()).then().statusCode(404).body(containsString("No such decision"));
    }

    @Test
    void onlyAuditorsExportAndTheExportFollowsTheFilter() {
        String submitter = ConsoleUsers.create("export-sub", "ingest");
        String id = ConsoleAlerts.beacon(clock, submitter, "Export beacon", "export-01").getString("id");
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("export-auditor", "auditor"));
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("export-approver", "approver"));

        auditor.get("/console/decisions").then().statusCode(200).body(containsString("id=\"export-csv\""));
        approver.get("/console/decisions").then().statusCode(200).body(not(containsString("id=\"export-csv\"")));
        approver.get("/console/decisions/export.csv").then().statusCode(403);

        Response csv = auditor.request().queryParam("principal", submitter).when().get("/console/decisions/export.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.asString().split("\n");
        assertThat(lines[0]).startsWith("decisionId,decidedAt,source,externalId,title,priority");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("\"" + id + "\"").contains("Export beacon").contains("block-ip ip:203.0.113.9 (pending-approval)");
    }
}
