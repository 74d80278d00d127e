package dev.arbiter.suppression;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Analysts' time-bounded suppressions: matching alerts are stored with a suppressed decision and no actions. */
@QuarkusTest
@TestSecurity(user = "analyst", roles = {Roles.ANALYST, Roles.INGEST, Roles.ADMIN})
class SuppressionResourceTest {

    @Inject
    TestClock clock;

    @Inject
    AuditRepository audit;

    private String source;

    @BeforeEach
    void setUp() {
        clock.reset();
        source = "supp-" + UUID.randomUUID();
    }

    @Test
    void aMatchingAlertIsStoredSuppressedWithoutActions() {
        String id = suppress("""
                {"source": "%s", "host": "SCANNER-01", "titleContains": "nessus"}""".formatted(source), Duration.ofHours(2));

        JsonPath suppressed = submit("x-1", "Nessus scan detected", "scanner-01");
        assertThat(suppressed.getString("suppression.id")).isEqualTo(id);
        assertThat(suppressed.getString("suppression.reason")).isEqualTo("Weekly vulnerability scan");
        assertThat(suppressed.getList("actions")).isEmpty();
        assertThat(suppressed.getInt("risk.score")).isPositive();
        given().when().get("/api/v1/decisions/" + suppressed.getString("id"))
                .then().statusCode(200).body("suppression.id", equalTo(id)).body("actions.size()", equalTo(0));
        assertThat(audit.forSubject(suppressed.getString("id")).get(0).payload).contains("\"suppressionId\":\"" + id + "\"");

        JsonPath otherTitle = submit("x-2", "Ransomware note dropped", "scanner-01");
        assertThat(otherTitle.getString("suppression")).isNull();
        assertThat(otherTitle.getList("actions")).isNotEmpty();
        JsonPath otherHost = submit("x-3", "Nessus scan detected", "fin-app-07");
        assertThat(otherHost.getString("suppression")).isNull();
    }

    @Test
    void suppressionsExpireAndCanBeRevoked() {
        String id = suppress("""
                {"source": "%s", "category": "malware"}""".formatted(source), Duration.ofHours(1));
        assertThat(submit("y-1", "Beacon", "h1").getString("suppression.id")).isEqualTo(id);
        clock.advance(Duration.ofHours(1));
        assertThat(submit("y-2", "Beacon", "h1").getString("suppression")).isNull();

        String revocable = suppress("""
                {"source": "%s"}""".formatted(source), Duration.ofHours(3));
        assertThat(submit("y-3", "Beacon", "h1").getString("suppression.id")).isEqualTo(revocable);
        given().when().delete("/api/v1/suppressions/" + revocable)
                .then().statusCode(200).body("active", equalTo(false)).body("revokedBy", equalTo("analyst"));
        assertThat(submit("y-4", "Beacon", "h1").getString("suppression")).isNull();
        assertThat(audit.forSubject("suppression:" + revocable)).extracting(e -> e.type)
                .containsExactly("suppression.created", "suppression.revoked");
        given().queryParam("status", "all").when().get("/api/v1/suppressions")
                .then().statusCode(200).body("items.find { it.id == '" + revocable + "' }.active", equalTo(false));
    }

    @Test
    void suppressedDecisionsAddNoAccumulatedRisk() {
        suppress("""
                {"source": "%s"}""".formatted(source), Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            submit("z-" + i, "Credential dumping", "noisy-" + source.substring(5, 13));
        }
        clock.advance(Duration.ofHours(1));
        JsonPath after = submit("z-after", "Credential dumping", "noisy-" + source.substring(5, 13));
        assertThat(after.getList("risk.factors.rule", String.class)).doesNotContain("Accumulated risk on a host raises risk");
    }

    @Test
    void aSuppressionNeedsAMatcherAReasonAndABoundedExpiry() {
        given().contentType(ContentType.JSON).body("""
                        {"matcher": {}, "reason": "noise", "expiresAt": "%s"}""".formatted(TestClock.START.plus(Duration.ofHours(1))))
                .when().post("/api/v1/suppressions")
                .then().statusCode(422).body("errors[0].field", equalTo("$.matcher"));
        given().contentType(ContentType.JSON).body("""
                        {"matcher": {"source": "x", "category": "weird"}, "expiresAt": "%s"}""".formatted(TestClock.START.minus(Duration.ofHours(1))))
                .when().post("/api/v1/suppressions")
                .then().statusCode(422).body("errors.field", equalTo(List.of("$.matcher.category", "$.reason")));
        given().contentType(ContentType.JSON).body("""
                        {"matcher": {"source": "x"}, "reason": "noise", "expiresAt": "%s"}""".formatted(TestClock.START.minus(Duration.ofHours(1))))
                .when().post("/api/v1/suppressions")
                .then().statusCode(422).body("errors[0].message", equalTo("must be in the future"));
        given().contentType(ContentType.JSON).body("""
                        {"matcher": {"source": "x"}, "reason": "noise", "expiresAt": "%s"}""".formatted(TestClock.START.plus(Duration.ofDays(31))))
                .when().post("/api/v1/suppressions")
                .then().statusCode(422).body("errors[0].message", equalTo("must be at most 30 days ahead"));
    }

    @Test
    @TestSecurity(user = "siem", roles = Roles.INGEST)
    void ingestCannotSuppress() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/suppressions")
                .then().statusCode(Status.FORBIDDEN.getStatusCode());
    }

    private String suppress(String matcher, Duration lifetime) {
        return given().contentType(ContentType.JSON).body("""
                        {"matcher": %s, "reason": "Weekly vulnerability scan", "expiresAt": "%s"}""".formatted(matcher, TestClock.START.plus(lifetime)))
                .when().post("/api/v1/suppressions")
                .then().statusCode(Status.CREATED.getStatusCode()).body("active", equalTo(true)).body("createdBy", equalTo("analyst"))
                .extract().path("id");
    }

    private JsonPath submit(String externalId, String title, String host) {
        return given().contentType(ContentType.JSON).body("""
                        {"source": "%s", "externalId": "%s", "title": "%s", "category": "malware", "severity": "critical",
                         "confidence": 90, "occurredAt": "2026-11-28T02:14:00Z", "entities": {"hosts": [{"hostname": "%s"}]}}"""
                        .formatted(source, externalId, title, host))
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode()).extract().jsonPath();
    }
}
