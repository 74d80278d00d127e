package dev.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.arbiter.common.LogCapture;
import dev.arbiter.intake.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** No password, key or token ever reaches a log line, whether it was right or wrong. */
@QuarkusTest
class SecretsInLogsTest {

    @Test
    void credentialsNeverAppearInTheLog() {
        String password = "pw-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String token = Tokens.withRoles("dave", "ingest");
        String forgedToken = Tokens.claims("dave", "ingest").jws().sign(Keys.otherPrivateKey());
        try (LogCapture log = new LogCapture()) {
            String user = "logger-" + UUID.randomUUID().toString().substring(0, 8);
            AuthenticationResourceTest.createUser(user, password, "ingest");
            String key = (String) AuthenticationResourceTest.createKey("log-" + UUID.randomUUID(), null, "ingest").get("key");
            String wrongKey = key.substring(0, 17) + "C".repeat(43);

            given().auth().preemptive().basic(user, password).when().get("/api/v1/me").then().statusCode(200);
            given().auth().preemptive().basic(user, wrongPassword).when().get("/api/v1/me").then().statusCode(401);
            given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body(Fixtures.alert("minimal.json", "log-" + UUID.randomUUID())).when().post("/api/v1/alerts").then().statusCode(201);
            given().header("X-API-Key", wrongKey).when().get("/api/v1/me").then().statusCode(401);
            given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200);
            given().auth().oauth2(forgedToken).when().get("/api/v1/me").then().statusCode(401);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("nonsense", List.of()))
                    .when().post("/api/v1/alerts").then().statusCode(422);

            org.jboss.logging.Logger.getLogger(SecretsInLogsTest.class).info("log capture canary");
            String logged = log.all();
            assertThat(logged).contains("log capture canary");
            for (String secret : List.of(password, wrongPassword, key.substring(17), wrongKey.substring(17),
                    token.substring(token.lastIndexOf('.') + 1), forgedToken.substring(forgedToken.lastIndexOf('.') + 1),
                    AuthenticationResourceTest.ADMIN_PASSWORD)) {
                assertThat(logged).doesNotContain(secret);
            }
        }
    }
}
