package dev.arbiter.console;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Local users for console tests, created through the admin API. */
final class ConsoleUsers {

    static final String PASSWORD = "console test password";
    private static final String ADMIN_PASSWORD = "test-admin-password-1";

    private ConsoleUsers() {
    }

    /** A new local user named {@code prefix-<random>} with the roles; returns the name. */
    static String create(String prefix, String... roles) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().preemptive().basic("admin", ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", List.of(roles)))
                .when().post("/api/v1/users").then().statusCode(201);
        return username;
    }
}
