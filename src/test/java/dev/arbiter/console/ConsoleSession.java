package dev.arbiter.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser-like console session for REST-level tests: the session cookie from signing in, and the CSRF cookie and
 * token a console page hands out.
 */
record ConsoleSession(String username, String session, String csrf) {

    static ConsoleSession signIn(String username) {
        Response login = given().redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", ConsoleUsers.PASSWORD)
                .when().post("/console/j_security_check");
        assertThat(login.statusCode()).as("sign-in status").isEqualTo(302);
        assertThat(login.header("Location")).as("sign-in redirect").doesNotContain("error");
        String session = login.cookie("arbiter-session");
        assertThat(session).as("session cookie").isNotBlank();
        Response home = given().redirects().follow(false).cookie("arbiter-session", session).when().get("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        String csrf = home.cookie("csrf-token");
        assertThat(csrf).as("CSRF cookie").isNotBlank();
        return new ConsoleSession(username, session, csrf);
    }

    /** A request with the session cookie and the CSRF cookie, but no token in the form or a header. */
    RequestSpecification request() {
        return given().redirects().follow(false).cookie("arbiter-session", session).cookie("csrf-token", csrf);
    }

    Response get(String path) {
        return request().when().get(path);
    }

    /** A form post without the token field. */
    RequestSpecification form() {
        return request().contentType("application/x-www-form-urlencoded").formParam("unused", "x");
    }

    /** A form post carrying the token as the console's forms do. */
    RequestSpecification formWithToken() {
        return request().contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf);
    }

    /** A JSON call as the console's scripts make it: the token in the header. */
    RequestSpecification jsonWithToken() {
        return request().contentType("application/json").header("X-CSRF-TOKEN", csrf);
    }
}
