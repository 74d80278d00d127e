package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class DecisionResourceTest {

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    private String source;

    @BeforeEach
    void setUp() {
        clock.reset();
        inventory.seedStarterInventory();
        source = "listing-" + UUID.randomUUID();
    }

    @Test
    void unknownDecisionIsNotFound() {
        given().when().get("/api/v1/decisions/" + UUID.randomUUID())
                .then().statusCode(Status.NOT_FOUND.getStatusCode())
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"));
    }

    @Test
    void malformedDecisionIdIsNotFound() {
        given().when().get("/api/v1/decisions/not-a-uuid")
                .then().statusCode(Status.NOT_FOUND.getStatusCode())
                .contentType("application/problem+json");
    }

    @Test
    void listsFilterByPrioritySourceAndTime() {
        String p1 = submit("powershell-cradle.json");
        clock.advance(Duration.ofMinutes(10));
        String p4 = submit("minimal.json");

        given().queryParam("source", source).when().get("/api/v1/decisions")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(p4, p1)))
                .body("nextCursor", nullValue());
        given().queryParam("source", source).queryParam("priority", "P1").when().get("/api/v1/decisions")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(p1)))
                .body("items.priority", everyItem(equalTo("P1")));
        given().queryParam("source", source).queryParam("since", TestClock.START.plus(Duration.ofMinutes(5)).toString())
                .when().get("/api/v1/decisions")
                .then().statusCode(200).body("items.id", equalTo(List.of(p4)));
        given().queryParam("source", source).queryParam("until", TestClock.START.plus(Duration.ofMinutes(5)).toString())
                .when().get("/api/v1/decisions")
                .then().statusCode(200).body("items.id", equalTo(List.of(p1)));
    }

    @Test
    void cursorPagesAreStableWhileNewDecisionsArrive() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, submit("minimal.json"));
            clock.advance(Duration.ofSeconds(1));
        }

        List<String> seen = new ArrayList<>();
        JsonPath page = page(null);
        seen.addAll(page.getList("items.id"));
        submit("minimal.json"); // arrives between pages, newer than everything listed
        while (page.getString("nextCursor") != null) {
            page = page(page.getString("nextCursor"));
            seen.addAll(page.getList("items.id"));
            submit("minimal.json");
        }

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void decisionsWithTheSameTimeArePagedWithoutLossOrRepeat() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(submit("minimal.json"));
        }
        List<String> seen = new ArrayList<>();
        JsonPath page = page(null);
        seen.addAll(page.getList("items.id"));
        while (page.getString("nextCursor") != null) {
            page = page(page.getString("nextCursor"));
            seen.addAll(page.getList("items.id"));
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void badQueryParametersAreNamed() {
        given().queryParam("priority", "P9").when().get("/api/v1/decisions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("priority"));
        given().queryParam("since", "last tuesday").when().get("/api/v1/decisions")
                .then().statusCode(422).body("errors[0].field", equalTo("since"));
        given().queryParam("limit", "0").when().get("/api/v1/decisions")
                .then().statusCode(422).body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "bm9wZQ").when().get("/api/v1/decisions")
                .then().statusCode(422).body("errors[0].field", equalTo("cursor"));
    }

    private JsonPath page(String cursor) {
        var request = given().queryParam("source", source).queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private String submit(String fixture) {
        String body = Fixtures.alert(fixture, "list-" + UUID.randomUUID()).replaceFirst("\"source\": \"[^\"]*\"", "\"source\": \"" + source + "\"");
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts")
                .then().statusCode(201).extract().path("id");
    }
}
