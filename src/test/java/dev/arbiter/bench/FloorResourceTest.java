package dev.arbiter.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With {@code arbiter.bench.floor.enabled} on, the floor parses the alert as the alert API does and inserts one row. */
@QuarkusTest
@TestProfile(FloorResourceTest.FloorOn.class)
class FloorResourceTest {

    /** The floor endpoint on, as bench/run starts the service. */
    public static class FloorOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.bench.floor.enabled", "true");
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void insertsOneRowPerAlert() {
        String externalId = "floor-" + UUID.randomUUID();
        String body = Fixtures.alert("powershell-cradle.json", externalId);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/bench/floor")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("id", notNullValue());
        List<?> rows = entityManager.createNativeQuery("select source, raw_json from bench_floor where external_id = ?1")
                .setParameter(1, externalId).getResultList();
        assertThat(rows).hasSize(1);
        Object[] row = (Object[]) rows.get(0);
        assertThat(row[0]).isEqualTo("splunk-es");
        assertThat(row[1]).isEqualTo(body);
    }

    @Test
    void refusesAnInvalidAlertAsTheAlertApiDoesAndStoresNothing() {
        String externalId = "floor-bad-" + UUID.randomUUID();
        String body = Fixtures.alert("powershell-cradle.json", externalId).replace("\"severity\": \"high\"", "\"severity\": \"huge\"");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/bench/floor")
                .then().statusCode(422)
                .body("errors.field", hasItem("$.severity"));
        Number rows = (Number) entityManager.createNativeQuery("select count(*) from bench_floor where external_id = ?1")
                .setParameter(1, externalId).getSingleResult();
        assertThat(rows.longValue()).isZero();
    }

    @Test
    void refusesTextThatIsNotJson() {
        given().contentType(ContentType.JSON).body("{\"source\": ")
                .when().post("/bench/floor")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .body("status", equalTo(400));
    }
}
