package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.as;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Approver groups as shipped (each made of the role of the same name): only an approver in the request's group, or
 * once it escalated in the second group, may vote; team roles can be given to local users and show on /me.
 */
@QuarkusTest
@TestProfile(ApproverGroupsResourceTest.ShippedGroups.class)
public class ApproverGroupsResourceTest {

    /** The group mapping of application.properties' production profile, instead of the suite's "any approver". */
    public static class ShippedGroups implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.approval.group-roles.\"soc-leads\"", "soc-leads",
                    "arbiter.approval.group-roles.\"soc-managers\"", "soc-managers",
                    "arbiter.approval.group-roles.\"identity-admins\"", "identity-admins",
                    "arbiter.approval.group-roles.\"network-team\"", "network-team");
        }
    }

    private static final String ADMIN_PASSWORD = "test-admin-password-1";

    @Inject
    TestClock clock;

    @Inject
    ApprovalService approvals;

    @Inject
    TestInventory inventory;

    @BeforeEach
    void setUp() {
        clock.reset();
        inventory.seedStarterInventory();
    }

    @Test
    void anApproverOutsideTheRequestsGroupIsRefusedAndAMemberCounts() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip"); // the policy asks network-team

        vote("outsider-" + UUID.randomUUID(), approvalId, Roles.APPROVER, "soc-leads")
                .then().statusCode(403).contentType(containsString("application/problem+json"))
                .body("type", containsString("not-in-approver-group"))
                .body("detail", containsString("the approver group network-team, and you are not a member"))
                .body("detail", containsString("network-team is made of approvers holding network-team"));
        assertThat(approval(approvalId).getList("votes")).as("the refused vote was not recorded").isEmpty();

        // the team role alone opens nothing: voting needs the approver role too
        vote("not-an-approver-" + UUID.randomUUID(), approvalId, "network-team").then().statusCode(403);

        vote("member-" + UUID.randomUUID(), approvalId, Roles.APPROVER, "network-team")
                .then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void onceEscalatedTheSecondGroupMayVoteToo() {
        String approvalId = approvalOf(submitBeacon(clock, "web-01"), "block-ip");
        vote("manager-" + UUID.randomUUID(), approvalId, Roles.APPROVER, "soc-managers")
                .then().statusCode(403).body("detail", containsString("the approver group network-team"));

        clock.advance(Duration.ofMinutes(46)); // 15 minutes before the 60-minute deadline
        assertThat(approvals.escalateDue()).isPositive();

        vote("manager-" + UUID.randomUUID(), approvalId, Roles.APPROVER, "soc-managers")
                .then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void teamRolesCanBeGivenToLocalUsersButUnknownRolesCannot() {
        String username = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().preemptive().basic("admin", ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "a long enough password", "roles", List.of("approver", "soc-leads")))
                .when().post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic(username, "a long enough password").when().get("/api/v1/me")
                .then().statusCode(200).body("roles", hasItem("soc-leads")).body("roles", hasItem("approver"));

        given().auth().preemptive().basic("admin", ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", username + "-x", "password", "a long enough password", "roles", List.of("approver", "soc-lead")))
                .when().post("/api/v1/users").then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("$.roles"))
                .body("errors[0].message", containsString("unknown role soc-lead"));
    }

    private static Response vote(String voter, String approvalId, String... roles) {
        return as(voter, roles).contentType(ContentType.JSON).body(Map.of("comment", "checked"))
                .when().post("/api/v1/approvals/" + approvalId + "/approve");
    }
}
