package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.approval.ApproverGroupsResourceTest;
import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With the shipped approver groups, the inbox says before the vote that an approver outside the group will be refused. */
@QuarkusTest
@TestProfile(ApproverGroupsResourceTest.ShippedGroups.class)
class InboxGroupsResourceTest {

    private static final Pattern NEXT_CARD = Pattern.compile("id=\"approval-[0-9a-f]{8}-");

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @BeforeEach
    void setUp() {
        clock.reset();
        inventory.seedStarterInventory();
    }

    @Test
    void anApproverOutsideTheGroupIsToldBeforeVotingAndAMemberIsNot() {
        String submitter = ConsoleUsers.create("groups-sub", "ingest");
        JsonPath decision = ConsoleAlerts.beacon(clock, submitter, "Inbox groups beacon", "inbox-groups-01");
        String approval = ConsoleAlerts.approvalOf(decision, "block-ip"); // the policy asks network-team
        String notice = "This request is for the approver group network-team, and you are not a member, so your vote will be refused.";

        ConsoleSession outsider = ConsoleSession.signIn(ConsoleUsers.create("groups-outsider", "approver", "soc-leads"));
        assertThat(card(outsider, approval)).contains(notice);

        ConsoleSession member = ConsoleSession.signIn(ConsoleUsers.create("groups-member", "approver", "network-team"));
        assertThat(card(member, approval)).doesNotContain(notice).contains("/console/approvals/" + approval + "/approve");
    }

    private static String card(ConsoleSession session, String approval) {
        String page = session.get("/console/approvals").then().statusCode(200).extract().asString();
        int start = page.indexOf("id=\"approval-" + approval + "\"");
        assertThat(start).as("the request's card").isNotNegative();
        // up to the next request's card (its id is a UUID; the card's own inner ids are approval-title-… and the like)
        Matcher next = NEXT_CARD.matcher(page);
        int end = next.find(start + 1) ? next.start() : page.length();
        return page.substring(start, end);
    }
}
