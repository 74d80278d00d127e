package dev.arbiter.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Signing in to the console with a local user, the session cookie on the console and the API, signing out and its revocation. */
@QuarkusTest
class ConsoleSignInResourceTest {

    @Test
    void consoleRedirectsToTheLoginPageWithoutASession() {
        given().redirects().follow(false).when().get("/console/approvals")
                .then().statusCode(302).header("Location", containsString("/console/login"));
        given().when().get("/console/login").then().statusCode(200).body(containsString("name=\"j_username\""));
    }

    @Test
    void signInLandsOnTheHomePageNotOnAFragmentPolledBeforeIt() {
        Response polled = given().redirects().follow(false).when().get("/console/approvals/list");
        assertThat(polled.statusCode()).isEqualTo(302);
        assertThat(polled.cookie("quarkus-redirect-location")).as("Quarkus remembers the polled fragment").contains("/console/approvals/list");

        Response loginPage = given().redirects().follow(false).cookie("quarkus-redirect-location", polled.cookie("quarkus-redirect-location"))
                .when().get("/console/login");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.detailedCookie("quarkus-redirect-location").getMaxAge()).as("the login page drops it").isZero();

        Response login = given().redirects().follow(false)
                .formParam("j_username", ConsoleUsers.create("landing", "approver")).formParam("j_password", ConsoleUsers.PASSWORD)
                .when().post("/console/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/console");
    }

    @Test
    void withoutAnIdentityProviderTheSingleSignOnPathIsTheLoginForm() {
        given().when().get("/console/login").then().statusCode(200).body(not(containsString("/console/sso")));
        given().redirects().follow(false).when().get("/console/sso")
                .then().statusCode(302).header("Location", containsString("/console/login"));
    }

    @Test
    void apiStillAnswers401ProblemWithoutCredentials() {
        given().redirects().follow(false).when().get("/api/v1/me")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void signsInWithALocalUserAndTheSessionWorksOnTheApi() {
        ConsoleSession session = ConsoleSession.signIn(ConsoleUsers.create("signin", "approver", "auditor"));
        session.get("/console").then().statusCode(200).body(containsString("approver, auditor"));
        session.get("/api/v1/me").then().statusCode(200).body("kind", equalTo("user")).body("roles[0]", equalTo("approver"));
    }

    @Test
    void wrongPasswordGoesBackToTheLoginPageWithAnError() {
        String user = ConsoleUsers.create("wrongpw", "approver");
        Response response = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", "not the password")
                .when().post("/console/j_security_check");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).contains("/console/login?error=true");
        assertThat(response.cookie("arbiter-session")).isNullOrEmpty();
    }

    @Test
    void signOutNeedsTheCsrfTokenAndEndsTheSession() {
        ConsoleSession session = ConsoleSession.signIn(ConsoleUsers.create("signout", "auditor"));
        session.form().when().post("/console/logout").then().statusCode(400);
        Response out = session.formWithToken().when().post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).contains("/console/login?signedOut=true");
        assertThat(out.detailedCookie("arbiter-session").getMaxAge()).isZero();
    }

    @Test
    void aCopiedSessionCookieStopsWorkingAtSignOut() {
        String user = ConsoleUsers.create("replay", "auditor");
        ConsoleSession session = ConsoleSession.signIn(user);
        ConsoleSession otherBrowser = ConsoleSession.signIn(user);
        String copied = session.session();

        session.formWithToken().when().post("/console/logout").then().statusCode(303);

        given().redirects().follow(false).cookie("arbiter-session", copied).when().get("/console")
                .then().statusCode(302).header("Location", containsString("/console/login"));
        given().redirects().follow(false).cookie("arbiter-session", copied).when().get("/api/v1/me")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        otherBrowser.get("/console").then().statusCode(200).body(containsString(user));
    }
}
