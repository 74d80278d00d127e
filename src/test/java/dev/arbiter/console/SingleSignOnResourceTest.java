package dev.arbiter.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Sign-in through the identity provider (authorization code flow against {@link TestIdentityProvider}): the roles from
 * its token open the same pages and API calls as for a local user, CSRF applies the same way, and signing out ends the
 * session here (also for a copied cookie) and at the provider.
 */
@QuarkusTest
@TestProfile(IdentityProviderProfile.class)
class SingleSignOnResourceTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void loginPageOffersTheIdentityProviderNextToTheForm() {
        given().when().get("/console/login").then().statusCode(200)
                .body(containsString("Sign in with " + TestIdentityProvider.NAME))
                .body(containsString("name=\"j_username\""));
    }

    @Test
    void signsInThroughTheProviderAndReachesThePagesItsRolesOpen() {
        ConsoleSession ida = IdpSignIn.as("ida");
        ida.get("/console").then().statusCode(200).body(containsString("ida@example.test")).body(containsString("analyst, approver"));
        ida.get("/console/approvals").then().statusCode(200);
        ida.get("/console/decisions").then().statusCode(200);
        ida.get("/console/rulesets").then().statusCode(Status.FORBIDDEN.getStatusCode());
    }

    @Test
    void providerUserHasTheSameRolesAndPrincipalOnTheApiWithABearerToken() {
        ConsoleSession ida = IdpSignIn.as("ida");
        String bearer = TestIdentityProvider.accessToken("ida");

        Response viaConsole = ida.get("/api/v1/me");
        Response viaToken = given().auth().oauth2(bearer).when().get("/api/v1/me");
        viaConsole.then().statusCode(200).body("kind", equalTo("token")).body("roles", containsInAnyOrder("approver", "analyst"));
        viaToken.then().statusCode(200).body("kind", equalTo("token")).body("roles", containsInAnyOrder("approver", "analyst"));
        assertThat(viaConsole.jsonPath().getString("id")).isEqualTo(viaToken.jsonPath().getString("id"));
        assertThat(viaConsole.jsonPath().getString("name")).isEqualTo(viaToken.jsonPath().getString("name"));

        ida.get("/api/v1/users").then().statusCode(Status.FORBIDDEN.getStatusCode());
        given().auth().oauth2(bearer).when().get("/api/v1/users").then().statusCode(Status.FORBIDDEN.getStatusCode());
    }

    @Test
    void csrfRefusesAStateChangingCallOfAProviderUserWithoutTheToken() {
        String submitter = ConsoleUsers.create("sso-sub", "ingest");
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "SSO CSRF beacon", "sso-csrf-01"), "block-ip");
        ConsoleSession ida = IdpSignIn.as("ida");

        ida.request().contentType("application/json").body(Map.of("comment", "no token"))
                .when().post("/api/v1/approvals/" + approval + "/approve")
                .then().statusCode(Status.FORBIDDEN.getStatusCode()).body("type", endsWith("csrf-token-missing"));
        ida.form().when().post("/console/approvals/" + approval + "/approve").then().statusCode(Status.BAD_REQUEST.getStatusCode());
        ida.form().when().post("/console/logout").then().statusCode(Status.BAD_REQUEST.getStatusCode());
        ida.get("/api/v1/approvals/" + approval).then().statusCode(200).body("approvals", equalTo(0));
    }

    @Test
    void signOutEndsTheSessionHereAndAtTheProvider() {
        ConsoleSession ines = IdpSignIn.as("ines");
        Response out = ines.formWithToken().when().post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(Status.SEE_OTHER.getStatusCode());
        assertThat(out.header("Location")).contains("/idp/logout").contains("client_id=" + TestIdentityProvider.CLIENT_ID)
                .contains("post_logout_redirect_uri=");
        assertThat(out.detailedCookie("arbiter-session").getMaxAge()).isZero();

        given().redirects().follow(false).cookie("arbiter-session", ines.session()).when().get("/console/decisions")
                .then().statusCode(302).header("Location", containsString("/console/login"));
        given().redirects().follow(false).cookie("arbiter-session", ines.session()).when().get("/api/v1/me")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void theHandOffWorksOnce() {
        String handle = IdpSignIn.handOff("ida");
        ConsoleSession ida = IdpSignIn.complete("ida", handle);
        assertThat(IdpSignIn.post(handle).header("Location")).contains("/console/login?error=true");
        ida.get("/console").then().statusCode(200);
    }
}
