package dev.arbiter.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The benchmark's floor endpoint is off by default: 404, nothing stored, not in the API description. */
@QuarkusTest
class FloorOffResourceTest {

    @Inject
    EntityManager entityManager;

    @Test
    void answersNotFoundAndStoresNothingByDefault() {
        String externalId = "floor-off-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Fixtures.alert("powershell-cradle.json", externalId))
                .when().post("/bench/floor")
                .then().statusCode(Status.NOT_FOUND.getStatusCode())
                .body("status", equalTo(404));
        Number rows = (Number) entityManager.createNativeQuery("select count(*) from bench_floor where external_id = ?1")
                .setParameter(1, externalId).getSingleResult();
        assertThat(rows.longValue()).isZero();
    }

    @Test
    void isNotPartOfTheApiDescription() {
        String openapi = given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(Status.OK.getStatusCode()).extract().asString();
        assertThat(openapi).doesNotContain("/bench/floor");
    }
}
