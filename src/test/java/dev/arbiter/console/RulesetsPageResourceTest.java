package dev.arbiter.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The rulesets page: who sees it, the loaded ruleset, and the replay form for rule authors only. */
@QuarkusTest
class RulesetsPageResourceTest {

    @Test
    void ruleAuthorSeesTheLoadedRulesetAndTheReplayForm() {
        ConsoleSession author = ConsoleSession.signIn(ConsoleUsers.create("rs-author", "rule-author"));
        author.get("/console/rulesets").then().statusCode(200)
                .body(containsString("id=\"loaded-version\">sha256:"))
                .body(containsString("id=\"replay-form\""));
        author.get("/console").then().statusCode(200).body(containsString("href=\"/console/rulesets\""))
                .body(not(containsString("href=\"/console/approvals\""))).body(not(containsString("href=\"/console/decisions\"")));
    }

    @Test
    void auditorSeesVersionsButNoReplayAndApproverNoRulesets() {
        ConsoleSession auditor = ConsoleSession.signIn(ConsoleUsers.create("rs-auditor", "auditor"));
        auditor.get("/console/rulesets").then().statusCode(200).body(not(containsString("id=\"replay-form\"")));
        ConsoleSession approver = ConsoleSession.signIn(ConsoleUsers.create("rs-approver", "approver"));
        approver.get("/console/rulesets").then().statusCode(403);
    }
}
