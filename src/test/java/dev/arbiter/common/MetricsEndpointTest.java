package dev.arbiter.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditSealer;
import dev.arbiter.context.TestInventory;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * {@code /q/metrics}: what a submitted alert moves (its outcome, the group commit, the times of its parts, the
 * backlogs it leaves for the workers) and what the sealer's run takes off again.
 */
@QuarkusTest
@TestSecurity(user = "metrics-tester", roles = {Roles.INGEST, Roles.ANALYST})
class MetricsEndpointTest {

    private static final String DECIDED_P1 = "arbiter_alerts_total{outcome=\"decided\",priority=\"P1\"}";
    private static final String REPEATED_P1 = "arbiter_alerts_total{outcome=\"repeated\",priority=\"P1\"}";
    private static final String REPLAYED_P1 = "arbiter_alerts_total{outcome=\"replayed\",priority=\"P1\"}";
    private static final String SUBMISSIONS = "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\","
            + "status=\"201\",uri=\"/api/v1/alerts\"}";

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @Inject
    AuditSealer sealer;

    @BeforeEach
    void setUp() {
        clock.reset();
        inventory.seedStarterInventory();
    }

    @Test
    void anAlertIsCountedByOutcomeAndPriorityAndItsPartsAreTimed() {
        String body = Fixtures.alert("powershell-cradle.json", "metrics-" + UUID.randomUUID());
        Scrape before = Scrape.now();

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts")
                .then().statusCode(201).body("priority", equalTo("P1"));
        Scrape decided = Scrape.now();
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts")
                .then().statusCode(200).body("priority", equalTo("P1"));
        Scrape repeated = Scrape.now();

        assertThat(decided.value(DECIDED_P1) - before.value(DECIDED_P1)).isEqualTo(1);
        assertThat(decided.value(REPEATED_P1) - before.value(REPEATED_P1)).isZero();
        assertThat(repeated.value(DECIDED_P1) - decided.value(DECIDED_P1)).as("the repeat decides nothing").isZero();
        assertThat(repeated.value(REPEATED_P1) - decided.value(REPEATED_P1)).isEqualTo(1);
        assertThat(delta(before, decided, "arbiter_group_commit_transactions_total")).isEqualTo(1);
        assertThat(delta(before, decided, "arbiter_group_commit_writes_total")).isEqualTo(1);
        assertThat(delta(before, decided, "arbiter_decision_assess_seconds_count")).isEqualTo(1);
        assertThat(delta(before, decided, "arbiter_decision_store_seconds_count")).isEqualTo(1);
        assertThat(decided.present("arbiter_decision_store_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(decided.present("arbiter_decision_store_seconds_count"));
        assertThat(decided.value(SUBMISSIONS) - before.value(SUBMISSIONS)).isEqualTo(1);
    }

    @Test
    void aRepeatedIdempotencyKeyIsCountedAsReplayedAndDecidesNothing() {
        String body = Fixtures.alert("powershell-cradle.json", "metrics-" + UUID.randomUUID());
        String key = "metrics-key-" + UUID.randomUUID();
        Scrape before = Scrape.now();

        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201).body("priority", equalTo("P1"))
                .extract().path("id");
        Scrape decided = Scrape.now();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201).body("id", equalTo(first));
        Scrape replayed = Scrape.now();

        assertThat(decided.value(DECIDED_P1) - before.value(DECIDED_P1)).isEqualTo(1);
        assertThat(decided.value(REPLAYED_P1) - before.value(REPLAYED_P1)).isZero();
        assertThat(replayed.value(REPLAYED_P1) - decided.value(REPLAYED_P1)).isEqualTo(1);
        assertThat(replayed.value(DECIDED_P1) - decided.value(DECIDED_P1)).as("the replay decides nothing").isZero();
        assertThat(replayed.value(REPEATED_P1) - decided.value(REPEATED_P1))
                .as("answered from the key, before the alert's identity is looked at").isZero();
        assertThat(delta(decided, replayed, "arbiter_group_commit_writes_total")).isZero();
    }

    @Test
    void submissionsHaveALatencyHistogramAndOtherRequestsDoNot() {
        String decisionId = given().contentType(ContentType.JSON)
                .body(Fixtures.alert("powershell-cradle.json", "metrics-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");
        given().when().get("/api/v1/decisions/" + decisionId).then().statusCode(200);

        Scrape scrape = Scrape.now();

        assertThat(scrape.present("http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\","
                + "status=\"201\",uri=\"/api/v1/alerts\",le=\"+Inf\"}")).isPositive();
        assertThat(scrape.startingWith("http_server_requests_seconds_count{").stream()
                .filter(sample -> sample.contains("uri=\"/api/v1/decisions/{id}\""))).isNotEmpty();
        assertThat(scrape.startingWith("http_server_requests_seconds_bucket{").stream()
                .filter(sample -> sample.contains("uri=\"/api/v1/decisions/{id}\""))).isEmpty();
    }

    @Test
    void theBacklogsShowWhatTheWorkersHaveLeftAndTheSealerTakesItsShare() {
        sealer.sealAll();
        Scrape before = Scrape.now();
        assertThat(before.present("arbiter_audit_unsealed")).isZero();

        String body = Fixtures.alert("powershell-cradle.json", "metrics-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts").then().statusCode(201);
        Scrape submitted = Scrape.now();
        int sealed = sealer.sealAll();
        Scrape after = Scrape.now();

        // the gauge counted what the sealer then found: the alert's events and its decision's
        assertThat(submitted.present("arbiter_audit_unsealed")).isEqualTo(sealed).isPositive();
        assertThat(delta(submitted, after, "arbiter_audit_sealed_total")).isEqualTo(sealed);
        assertThat(after.present("arbiter_audit_unsealed")).isZero();
        assertThat(delta(before, submitted, "arbiter_approvals_pending")).as("isolating the host waits for a vote")
                .isEqualTo(1);
        assertThat(delta(before, submitted, "arbiter_outbox_pending"))
                .as("the ticket and the page wait for the dispatch worker").isEqualTo(2);
    }

    @Test
    void theConnectionPoolAndTheJvmAreThere() {
        Scrape scrape = Scrape.now();

        assertThat(scrape.startingWith("agroal_active_count{")).isNotEmpty();
        assertThat(scrape.startingWith("jvm_memory_used_bytes{")).isNotEmpty();
    }

    private static double delta(Scrape before, Scrape after, String sample) {
        return after.present(sample) - before.present(sample);
    }
}
