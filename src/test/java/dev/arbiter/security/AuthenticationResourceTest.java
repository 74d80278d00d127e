package dev.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.intake.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The three ways in, the one way 401 looks, lock-out, and who may see which decision. */
@QuarkusTest
class AuthenticationResourceTest {

    static final String ADMIN_PASSWORD = "test-admin-password-1";

    @Inject
    TestClock clock;

    @Inject
    ApiKeyRepository keys;

    @Inject
    AuditRepository audit;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    static String createUser(String username, String password, String... roles) {
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "roles", List.of(roles)))
                .when().post("/api/v1/users").then().statusCode(201);
        return username;
    }

    static Map<String, Object> createKey(String name, Instant expiresAt, String... roles) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "roles", List.of(roles)));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return admin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/api-keys").then().statusCode(201).extract().as(Map.class);
    }

    @Test
    void bootstrapAdminSignsInWithBasic() {
        admin().when().get("/api/v1/me")
                .then().statusCode(200)
                .body("kind", equalTo("user"))
                .body("name", equalTo("admin"))
                .body("roles", equalTo(List.of("admin")));
    }

    @Test
    void localUserGetsTheRolesAnAdminGaveIt() {
        String name = createUser("analyst-" + UUID.randomUUID().toString().substring(0, 8), "correct horse battery", "analyst", "auditor");
        given().auth().preemptive().basic(name, "correct horse battery").when().get("/api/v1/me")
                .then().statusCode(200)
                .body("kind", equalTo("user"))
                .body("roles", equalTo(List.of("analyst", "auditor")));
        admin().when().get("/api/v1/users").then().statusCode(200)
                .body("username", hasItem(name))
                .body("find { it.username == '" + name + "' }.passwordHash", nullValue());
    }

    @Test
    void localUserChangesTheirPassword() {
        String name = createUser("changer-" + UUID.randomUUID().toString().substring(0, 8), "the first password", "analyst");
        given().auth().preemptive().basic(name, "the first password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not my password", "newPassword", "the second password"))
                .when().post("/api/v1/me/password").then().statusCode(422).body("errors[0].field", equalTo("$.currentPassword"));
        given().auth().preemptive().basic(name, "the first password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "the first password", "newPassword", "the second password"))
                .when().post("/api/v1/me/password").then().statusCode(204);

        assertUnauthorized(given().auth().preemptive().basic(name, "the first password").when().get("/api/v1/me"));
        given().auth().preemptive().basic(name, "the second password").when().get("/api/v1/me").then().statusCode(200);
        assertThat(audit.count("type", "user.password-changed")).isPositive();
    }

    @Test
    void apiKeyIsShownOnceAndStoredOnlyAsAHash() {
        Map<String, Object> created = createKey("siem-" + UUID.randomUUID(), null, "ingest");
        String key = (String) created.get("key");
        assertThat(key).matches("arb_[A-Za-z0-9]{12}\\.[A-Za-z0-9_-]{43}");
        String keyId = key.substring(4, 16);

        given().header("X-API-Key", key).when().get("/api/v1/me")
                .then().statusCode(200).body("kind", equalTo("api-key")).body("id", equalTo(keyId));
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/me")
                .then().statusCode(200).body("roles", equalTo(List.of("ingest")));

        ApiKey stored = keys.findByKeyId(keyId).orElseThrow();
        assertThat(stored.secretHash).hasSize(64).doesNotContain(key.substring(17));
        assertThat(stored.lastUsedAt).isNotNull();
        admin().when().get("/api/v1/api-keys").then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString(key.substring(17))))
                .body("keyId", hasItem(keyId));
    }

    @Test
    void revokedAndExpiredKeysAreRefused() {
        Map<String, Object> created = createKey("revoked-" + UUID.randomUUID(), null, "ingest");
        String key = (String) created.get("key");
        String id = (String) ((Map<?, ?>) created.get("apiKey")).get("id");
        admin().when().delete("/api/v1/api-keys/" + id).then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());
        assertUnauthorized(given().header("X-API-Key", key).when().get("/api/v1/me"));

        String expiring = (String) createKey("expiring-" + UUID.randomUUID(), TestClock.START.plus(Duration.ofHours(1)), "ingest").get("key");
        given().header("X-API-Key", expiring).when().get("/api/v1/me").then().statusCode(200);
        clock.advance(Duration.ofHours(2));
        assertUnauthorized(given().header("X-API-Key", expiring).when().get("/api/v1/me"));
    }

    @Test
    void aKeyInUseIsRefusedOnceRevokedOrExpired() {
        // each key answers 200 first, so it is among the recently verified keys (VerifiedKeys) when it changes
        Map<String, Object> created = createKey("revoked-in-use-" + UUID.randomUUID(), null, "ingest");
        String key = (String) created.get("key");
        given().header("X-API-Key", key).when().get("/api/v1/me").then().statusCode(200);
        admin().when().delete("/api/v1/api-keys/" + ((Map<?, ?>) created.get("apiKey")).get("id")).then().statusCode(200);
        assertUnauthorized(given().header("X-API-Key", key).when().get("/api/v1/me"));

        String expiring = (String) createKey("expiring-in-use-" + UUID.randomUUID(), clock.instant().plus(Duration.ofMinutes(30)), "ingest").get("key");
        given().header("X-API-Key", expiring).when().get("/api/v1/me").then().statusCode(200);
        given().header("X-API-Key", expiring).when().get("/api/v1/me").then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        assertUnauthorized(given().header("X-API-Key", expiring).when().get("/api/v1/me"));
    }

    @Test
    void aKeyInUseIsLockedByRepeatedFailures() {
        String key = (String) createKey("brute-in-use-" + UUID.randomUUID(), null, "ingest").get("key");
        given().header("X-API-Key", key).when().get("/api/v1/me").then().statusCode(200);
        String wrong = key.substring(0, 17) + "C".repeat(43);
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(given().header("X-API-Key", wrong).when().get("/api/v1/me"));
        }
        // the right secret is refused while the lock lasts, though it matched a moment ago
        assertUnauthorized(given().header("X-API-Key", key).when().get("/api/v1/me"));
        clock.advance(Duration.ofMinutes(16));
        given().header("X-API-Key", key).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void bearerTokenFromTheIdentityProviderCarriesRoles() {
        given().auth().oauth2(Tokens.withRoles("alice", "approver", "analyst")).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("kind", equalTo("token"))
                .body("id", equalTo(Tokens.ISSUER + "#alice"))
                .body("roles", equalTo(List.of("analyst", "approver")));
    }

    @Test
    void badTokensAreRefused() {
        String expired = Tokens.claims("bob", "analyst").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
        String wrongAudience = Tokens.claims("bob", "analyst").audience("someone-else").sign();
        String wrongIssuer = Tokens.claims("bob", "analyst").issuer("https://evil.example").sign();
        String wrongKey = Tokens.claims("bob", "analyst").jws().sign(Keys.otherPrivateKey());
        for (String token : List.of(expired, wrongAudience, wrongIssuer, wrongKey, "not.a.token")) {
            assertUnauthorized(given().auth().oauth2(token).when().get("/api/v1/me"));
        }
    }

    @Test
    void everyFailureLooksTheSame() {
        String user = createUser("same-" + UUID.randomUUID().toString().substring(0, 8), "a long enough password", "analyst");
        List<Response> failures = List.of(
                given().when().get("/api/v1/decisions"),
                given().auth().preemptive().basic(user, "wrong password!").when().get("/api/v1/decisions"),
                given().auth().preemptive().basic("nobody-" + UUID.randomUUID(), "wrong password!").when().get("/api/v1/decisions"),
                given().header("X-API-Key", "arb_AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").when().get("/api/v1/decisions"),
                given().header("X-API-Key", "garbage").when().get("/api/v1/decisions"),
                given().auth().oauth2("not.a.token").when().get("/api/v1/decisions"));
        for (Response failure : failures) {
            assertUnauthorized(failure);
            assertThat(failure.asString()).isEqualTo(failures.get(0).asString());
        }
    }

    @Test
    void repeatedFailuresLockTheUserForAWhile() {
        String user = createUser("locked-" + UUID.randomUUID().toString().substring(0, 8), "the right password", "analyst");
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(given().auth().preemptive().basic(user, "wrong " + i).when().get("/api/v1/me"));
        }
        assertUnauthorized(given().auth().preemptive().basic(user, "the right password").when().get("/api/v1/me"));
        assertThat(audit.count("type = ?1 and subjectId = ?2", "auth.locked", "user:" + user)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(16));
        given().auth().preemptive().basic(user, "the right password").when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void repeatedFailuresLockAKey() {
        String key = (String) createKey("brute-" + UUID.randomUUID(), null, "ingest").get("key");
        String wrong = key.substring(0, 17) + "B".repeat(43);
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(given().header("X-API-Key", wrong).when().get("/api/v1/me"));
        }
        assertUnauthorized(given().header("X-API-Key", key).when().get("/api/v1/me"));
        assertThat(audit.count("type = ?1 and subjectId = ?2", "auth.locked", "key:" + key.substring(4, 16))).isEqualTo(1);
    }

    @Test
    void ingestClientsSeeOnlyTheirOwnDecisions() {
        String first = (String) createKey("siem-a-" + UUID.randomUUID(), null, "ingest").get("key");
        String second = (String) createKey("siem-b-" + UUID.randomUUID(), null, "ingest").get("key");
        String source = "own-" + UUID.randomUUID();
        String decision = given().header("X-API-Key", first).contentType(ContentType.JSON)
                .body(Fixtures.alert("minimal.json", "own-1").replace("\"source\": \"edr\"", "\"source\": \"" + source + "\""))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        given().header("X-API-Key", first).when().get("/api/v1/decisions/" + decision).then().statusCode(200);
        given().header("X-API-Key", second).when().get("/api/v1/decisions/" + decision).then().statusCode(404);
        given().header("X-API-Key", second).queryParam("source", source).when().get("/api/v1/decisions")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("X-API-Key", first).queryParam("source", source).when().get("/api/v1/decisions")
                .then().statusCode(200).body("items.id", equalTo(List.of(decision)));
        given().auth().oauth2(Tokens.withRoles("carol", "analyst")).when().get("/api/v1/decisions/" + decision)
                .then().statusCode(200);
    }

    @Test
    void decisionsAndEventsRecordTheActingPrincipal() {
        String key = (String) createKey("recorder-" + UUID.randomUUID(), null, "ingest").get("key");
        String keyId = key.substring(4, 16);
        String decision = given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Fixtures.alert("minimal.json", "who-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        var event = audit.forSubject(decision).get(0);
        assertThat(event.principalKind).isEqualTo("api-key");
        assertThat(event.principalId).isEqualTo(keyId);
        assertThat(event.principalName).startsWith("recorder-");
    }

    @Test
    void adminInputIsValidatedByField() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", "x y", "password", "short", "roles", List.of("superuser")))
                .when().post("/api/v1/users")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("$.username", "$.password", "$.roles"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "late", "roles", List.of("ingest"), "expiresAt", TestClock.START.minusSeconds(1).toString()))
                .when().post("/api/v1/api-keys")
                .then().statusCode(422).body("errors[0].field", equalTo("$.expiresAt"));
        admin().contentType(ContentType.JSON).body("{\"name\": \"k\", \"roles\": \"ingest\"}")
                .when().post("/api/v1/api-keys")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("$.roles"));
    }

    @Test
    void healthStaysOpen() {
        given().when().get("/q/health").then().statusCode(200);
    }

    static void assertUnauthorized(Response response) {
        response.then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Basic"))
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("Authentication is required"));
    }
}
