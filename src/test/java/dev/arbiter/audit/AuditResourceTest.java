package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.common.Principal;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** Search with filters and cursors, CSV export, checkpoints, the public key, and refused parameters. */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditResourceTest {

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditKeys keys;

    @Test
    void searchFiltersByPayloadFieldsAndPagesWithACursor() {
        String decisionId = UUID.randomUUID().toString();
        String version = "sha256:" + UUID.randomUUID();
        Principal analyst = new Principal("user", "search-" + UUID.randomUUID(), "Search Tester");
        for (int i = 0; i < 5; i++) {
            int n = i;
            QuarkusTransaction.requiringNew().run(() -> log.append(analyst, "test.search", decisionId, Map.of(
                    "decisionId", decisionId, "priority", n % 2 == 0 ? "P1" : "P3", "actionType", "isolate-host",
                    "rulesetVersion", version, "n", n)));
        }

        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("principal", analyst.id()).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/audit/events").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.payload.n", Integer.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);

        given().queryParam("decisionId", decisionId).queryParam("priority", "P1").queryParam("actionType", "isolate-host")
                .queryParam("rulesetVersion", version).queryParam("type", "test.sea*")
                .when().get("/api/v1/audit/events").then().statusCode(200)
                .body("items.payload.n", equalTo(List.of(0, 2, 4)))
                .body("items[0].principal.name", equalTo("Search Tester"))
                .body("items[0].chainIndex", equalTo(null));
        given().queryParam("subject", decisionId).queryParam("since", "2999-01-01T00:00:00Z")
                .when().get("/api/v1/audit/events").then().statusCode(200).body("items", equalTo(List.of()));

        String csv = given().queryParam("format", "csv").queryParam("principal", analyst.id())
                .when().get("/api/v1/audit/export").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("seq,chainIndex,occurredAt,principalKind,principalId");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains("isolate-host").contains("\"{\"\"actionType\"\":\"\"isolate-host\"\"");
    }

    @Test
    void checkpointsAndThePublicKeyAreServed() {
        AuditTestEvents.append(log, "checkpoint", 1);
        sealer.sealAll();
        long head = sealer.checkpointNow().orElseThrow().chainIndex;
        given().queryParam("from", head).when().get("/api/v1/audit/checkpoints").then().statusCode(200)
                .body("[0].chainIndex", equalTo((int) head)).body("[0].keyId", equalTo(keys.keyId()));
        JsonPath key = given().when().get("/api/v1/audit/public-key").then().statusCode(200).extract().jsonPath();
        assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
        assertThat(ChainKeys.publicKey(key.getString("x509"))).isEqualTo(keys.publicKey());
        assertThat(ChainKeys.keyId(ChainKeys.publicKey(key.getString("pem")))).isEqualTo(key.getString("keyId"));
    }

    @Test
    void refusesParametersItCannotUse() {
        for (Map<String, String> bad : List.of(Map.of("since", "yesterday"), Map.of("priority", "P9"),
                Map.of("from", "0"), Map.of("limit", "5000"), Map.of("cursor", "%%%"))) {
            String field = bad.keySet().iterator().next();
            given().queryParams(bad).when().get("/api/v1/audit/events").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        given().queryParam("format", "xml").when().get("/api/v1/audit/export").then().statusCode(422)
                .body("errors.field", hasItem("format"));
        given().queryParam("from", "9").queryParam("to", "3").when().get("/api/v1/audit/verify").then().statusCode(422)
                .body("errors.field", hasItem("to"));
    }

    @Test
    @TestSecurity(user = "analyst", roles = Roles.ANALYST)
    void anUnknownDecisionHasNoHistory() {
        given().when().get("/api/v1/decisions/" + UUID.randomUUID() + "/history").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/audit/events").then().statusCode(403);
    }
}
