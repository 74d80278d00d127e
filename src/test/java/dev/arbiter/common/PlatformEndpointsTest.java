package dev.arbiter.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI and Swagger UI are served; unknown paths answer problem+json. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void healthReportsTheActiveRuleset() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("ruleset"))
                .body("checks.find { it.name == 'ruleset' }.data.version", startsWith("sha256:"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/v1/alerts"))
                .body(containsString("/api/v1/decisions"))
                .body(containsString("/api/v1/evaluate"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200);
    }

    @Test
    void unknownApiPathIsAProblem() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void wrongMethodIsAProblem() {
        given().when().delete("/api/v1/alerts")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }
}
