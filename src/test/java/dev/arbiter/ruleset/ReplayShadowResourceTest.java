package dev.arbiter.ruleset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.Principal;
import dev.arbiter.common.Scrape;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Replay against recorded history and shadow evaluation on live traffic, with a candidate that changes one thing:
 * "High vendor severity raises risk" counts 50 points instead of 20.
 */
@QuarkusTest
class ReplayShadowResourceTest {

    private static final List<String> TABLES = List.of("alert", "decision", "decision_action", "audit_event",
            "approval_request", "dispatch_outbox", "ruleset_version", "ruleset_shadow_result");
    private static final String AGREED = "arbiter_shadow_results_total{outcome=\"agreed\"}";
    private static final String DISAGREED = "arbiter_shadow_results_total{outcome=\"disagreed\"}";
    private static final String ERRORS = "arbiter_shadow_results_total{outcome=\"error\"}";

    @Inject
    EntityManager em;
    @Inject
    ShadowService shadow;
    @Inject
    RulesetService service;
    @Inject
    ActiveRuleset active;

    @AfterEach
    void cleanUp() {
        shadow.drop(Principal.SYSTEM);
        if (!active.get().version().equals(Bundles.SHIPPED.version())) {
            service.rollback(Bundles.SHIPPED.version(), Principal.SYSTEM);
        }
    }

    private static String alert(String source, String externalId, String severity, int confidence) {
        return """
                {"source": "%s", "externalId": "%s", "title": "Replay test", "category": "other", "severity": "%s",
                 "confidence": %d, "occurredAt": "2026-11-28T02:14:00Z"}
                """.formatted(source, externalId, severity, confidence);
    }

    /**
     * Three alerts without entities, on a Saturday: high severity and confidence 80 scores 35 (P4, notify-soc) and
     * 65 with the candidate (P3, open-ticket); low (8) and medium (15) stay P4 either way.
     */
    private static List<String> record(String source) {
        List<String> ids = new ArrayList<>();
        for (String[] alert : List.of(new String[] {"high", "80"}, new String[] {"low", "50"}, new String[] {"medium", "50"})) {
            ids.add(given().auth().oauth2(Tokens.withRoles("ingest-replay", Roles.INGEST)).contentType(ContentType.JSON)
                    .body(alert(source, UUID.randomUUID().toString(), alert[0], Integer.parseInt(alert[1])))
                    .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id"));
        }
        return ids;
    }

    private Map<String, Long> rowCounts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue());
            }
            return counts;
        });
    }

    @Test
    void replayGivesTheExactDiffOfTheOneChangeAndStoresNothing() {
        String source = "replay-" + UUID.randomUUID();
        List<String> ids = record(source);
        String author = Tokens.withRoles("author-replay", Roles.RULE_AUTHOR);
        Map<String, Long> before = rowCounts();

        JsonPath result = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("files", Bundles.severeHigh(), "source", source))
                .when().post("/api/v1/rulesets/replay")
                .then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("candidateVersion")).isEqualTo(Bundles.version(Bundles.severeHigh()));
        assertThat(result.getInt("evaluated")).isEqualTo(3);
        assertThat(result.getInt("changed")).isEqualTo(1);
        assertThat(result.getMap("priorities")).isEqualTo(Map.of("P4", Map.of("P3", 1, "P4", 2)));
        assertThat(result.getMap("actions")).isEqualTo(Map.of(
                "open-ticket", Map.of("added", 1, "removed", 0),
                "notify-soc", Map.of("added", 0, "removed", 1)));
        assertThat(result.getString("changes[0].decisionId")).isEqualTo(ids.get(0));
        assertThat(result.getString("changes[0].recorded.priority")).isEqualTo("P4");
        assertThat(result.getString("changes[0].candidate.priority")).isEqualTo("P3");
        assertThat(result.getInt("changes[0].candidate.score") - result.getInt("changes[0].recorded.score")).isEqualTo(30);
        assertThat(result.getString("changes[0].recorded.rulesetVersion")).isEqualTo(Bundles.SHIPPED.version());
        assertThat(result.getList("failures")).isEmpty();
        assertThat(result.getString("next")).isNull();
        assertThat(rowCounts()).as("replay has no side effects").isEqualTo(before);
    }

    @Test
    void replayOfTheLiveVersionChangesNothingAndPages() {
        String source = "replay-" + UUID.randomUUID();
        record(source);
        String author = Tokens.withRoles("author-replay", Roles.RULE_AUTHOR);

        JsonPath first = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("version", Bundles.SHIPPED.version(), "source", source, "limit", 2))
                .when().post("/api/v1/rulesets/replay").then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("evaluated")).isEqualTo(2);
        assertThat(first.getInt("changed")).isZero();
        assertThat(first.getString("next")).isNotNull();

        given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("version", Bundles.SHIPPED.version(), "source", source, "limit", 2, "cursor", first.getString("next")))
                .when().post("/api/v1/rulesets/replay").then().statusCode(200)
                .body("evaluated", equalTo(1)).body("changed", equalTo(0)).body("next", nullValue());

        given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("version", Bundles.SHIPPED.version(), "source", source, "category", "malware"))
                .when().post("/api/v1/rulesets/replay").then().statusCode(200).body("evaluated", equalTo(0));
        given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("version", Bundles.SHIPPED.version(), "limit", 0))
                .when().post("/api/v1/rulesets/replay").then().statusCode(422).body("errors[0].field", equalTo("$.limit"));
    }

    @Test
    void shadowEvaluatesLiveTrafficBesideTheActiveRulesetUntilDropped() {
        String author = Tokens.withRoles("author-shadow", Roles.RULE_AUTHOR);
        String candidate = Bundles.version(Bundles.severeHigh());
        given().auth().oauth2(author).contentType(ContentType.JSON).body(Map.of("files", Bundles.severeHigh()))
                .when().post("/api/v1/rulesets/shadow").then().statusCode(200)
                .body("shadowVersion", equalTo(candidate)).body("evaluated", equalTo(0));
        Scrape before = Scrape.now();

        List<String> ids = record("shadow-" + UUID.randomUUID());
        shadow.drain();

        Scrape after = Scrape.now();
        assertThat(after.value(AGREED) - before.value(AGREED)).isEqualTo(2);
        assertThat(after.value(DISAGREED) - before.value(DISAGREED)).isEqualTo(1);
        assertThat(after.value(ERRORS) - before.value(ERRORS)).isZero();

        given().auth().oauth2(Tokens.withRoles("auditor-shadow", Roles.AUDITOR)).when().get("/api/v1/rulesets/shadow")
                .then().statusCode(200)
                .body("shadowVersion", equalTo(candidate))
                .body("evaluated", equalTo(3))
                .body("samePriority", equalTo(2))
                .body("sameActions", equalTo(2))
                .body("agreed", equalTo(2))
                .body("errors", equalTo(0))
                .body("recentDisagreements.size()", equalTo(1))
                .body("recentDisagreements[0].decisionId", equalTo(ids.get(0)))
                .body("recentDisagreements[0].livePriority", equalTo("P4"))
                .body("recentDisagreements[0].shadowPriority", equalTo("P3"));
        // the live decisions were made by the active ruleset, untouched
        given().auth().oauth2(Tokens.withRoles("analyst-shadow", Roles.ANALYST)).when().get("/api/v1/decisions/" + ids.get(0))
                .then().body("priority", equalTo("P4")).body("rulesetVersion", equalTo(Bundles.SHIPPED.version()));

        given().auth().oauth2(author).when().delete("/api/v1/rulesets/shadow").then().statusCode(204);
        given().auth().oauth2(author).when().get("/api/v1/rulesets/shadow").then().statusCode(404);
        record("shadow-" + UUID.randomUUID());
        shadow.drain();
        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from ruleset_shadow_result where shadow_version = ?1").setParameter(1, candidate).getSingleResult()).longValue());
        assertThat(stored).as("no shadow results once dropped").isEqualTo(3);
    }

    @Test
    void promotingTheShadowActivatesIt() {
        String author = Tokens.withRoles("author-promote", Roles.RULE_AUTHOR);
        Map<String, String> next = Bundles.harmless("promoted from shadow");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(Map.of("files", next))
                .when().post("/api/v1/rulesets/shadow").then().statusCode(200);

        given().auth().oauth2(author).when().post("/api/v1/rulesets/shadow/promote").then().statusCode(200)
                .body("version", equalTo(Bundles.version(next))).body("changed", equalTo(true));

        assertThat(active.get().version()).isEqualTo(Bundles.version(next));
        given().auth().oauth2(author).when().get("/api/v1/rulesets/shadow").then().statusCode(404);
    }
}
