package dev.arbiter.context;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Accumulated risk: earlier decisions' scores add up per entity and halve every half-life (24 h) of simulated time. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.ADMIN, Roles.INGEST, Roles.ANALYST})
class EntityHistoryResourceTest {

    private static final String HOST_RULE = "Accumulated risk on a host raises risk";
    private static final String USER_RULE = "Accumulated risk on an account raises risk";

    @Inject
    TestClock clock;

    private String tag;

    @BeforeEach
    void setUp() {
        clock.reset();
        tag = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("""
                        {"hostnames": ["rba-%s"], "criticality": "crown-jewel", "environment": "production"}""".formatted(tag))
                .when().put("/api/v1/assets/rba-" + tag).then().statusCode(201);
    }

    @Test
    void riskAccumulatesAcrossDecisionsAndDecaysWithTime() {
        JsonPath first = submit("a");
        assertThat(rules(first)).doesNotContain(HOST_RULE);
        JsonPath second = submit("b");
        int sum = first.getInt("risk.score") + second.getInt("risk.score");
        assertThat(sum).isGreaterThanOrEqualTo(100);
        JsonPath third = submit("c");
        assertThat(reason(third, HOST_RULE)).isEqualTo("host RBA-" + tag + " has accumulated risk " + sum + " from earlier decisions");
        assertThat(reason(third, USER_RULE)).isEqualTo("account u-" + tag + " has accumulated risk " + sum + " from earlier decisions");
        int total = sum + third.getInt("risk.score");

        clock.advance(Duration.ofHours(24)); // one half-life
        JsonPath dayLater = evaluate();
        assertThat(reason(dayLater, HOST_RULE)).contains("has accumulated risk " + (int) Math.floor(total * 0.5) + " ");

        clock.advance(Duration.ofHours(48)); // three half-lives in all: an eighth is left, under the threshold
        assertThat(total / 8).isLessThan(100);
        assertThat(rules(evaluate())).doesNotContain(HOST_RULE, USER_RULE);
    }

    @Test
    void otherEntitiesDoNotShareTheRisk() {
        submit("a");
        submit("b");
        JsonPath other = given().contentType(ContentType.JSON).body(alert("x", "rba-other-" + tag, "v-" + tag))
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().jsonPath();
        assertThat(rules(other)).doesNotContain(HOST_RULE, USER_RULE);
    }

    private JsonPath submit(String id) {
        return given().contentType(ContentType.JSON).body(alert(id, "RBA-" + tag, "u-" + tag))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
    }

    private JsonPath evaluate() {
        return given().contentType(ContentType.JSON).body(alert("later", "rba-" + tag, "U-" + tag))
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().jsonPath();
    }

    private String alert(String id, String host, String user) {
        return """
                {"source": "rba-%s", "externalId": "%s", "title": "Suspicious logon", "category": "credential-access",
                 "severity": "high", "confidence": 80, "occurredAt": "2026-11-28T02:14:00Z",
                 "entities": {"hosts": [{"hostname": "%s"}], "users": [{"name": "%s"}]}}""".formatted(tag, id, host, user);
    }

    private static List<String> rules(JsonPath decision) {
        return decision.getList("risk.factors.rule", String.class);
    }

    private static String reason(JsonPath decision, String rule) {
        return decision.getString("risk.factors.find { it.rule == '" + rule + "' }.reason");
    }
}
