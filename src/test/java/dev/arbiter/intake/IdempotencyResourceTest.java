package dev.arbiter.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.decision.DecisionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.arbiter.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Duplicate submissions and the Idempotency-Key header. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class IdempotencyResourceTest {

    private static final int THREADS = 8;

    @Inject
    AlertRepository alerts;

    @Inject
    DecisionRepository decisions;

    @Inject
    IdempotencyRepository keys;

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @BeforeEach
    void resetClock() {
        clock.reset();
        inventory.seedStarterInventory();
    }

    @Test
    void racingDuplicatesStoreOneDecision() throws Exception {
        String externalId = "race-" + UUID.randomUUID();
        String body = Fixtures.alert("powershell-cradle.json", externalId);

        List<Response> responses = concurrently(() -> given().contentType(ContentType.JSON).body(body).post("/api/v1/alerts"));

        assertThat(responses).extracting(Response::statusCode).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.<String>path("id")).containsOnly(responses.get(0).<String>path("id"));
        assertThat(alerts.find("externalId", externalId).count()).isEqualTo(1);
        assertThat(decisions.find("alertId", alerts.findBySourceAndExternalId("splunk-es", externalId).orElseThrow().id).count())
                .isEqualTo(1);
    }

    @Test
    void sameKeyAndSameBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String body = Fixtures.alert("powershell-cradle.json", "idem-" + UUID.randomUUID());

        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode()).extract().path("id");
        long stored = decisions.count();

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("id", equalTo(first));

        assertThat(decisions.count()).isEqualTo(stored);
    }

    @Test
    void keyAsStructuredFieldStringIsTheSameKey() {
        String key = UUID.randomUUID().toString();
        String body = Fixtures.alert("powershell-cradle.json", "idem-sf-" + UUID.randomUUID());
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "\"" + key + "\"").body(body)
                .post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/alerts").then().statusCode(201).body("id", equalTo(first));
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.alert("powershell-cradle.json", "idem-a-" + UUID.randomUUID()))
                .post("/api/v1/alerts").then().statusCode(201);
        long stored = alerts.count();

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.alert("powershell-cradle.json", "idem-b-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arbiter.dev/problems/idempotency-key-reused"));

        assertThat(alerts.count()).isEqualTo(stored);
    }

    @Test
    void keyStillInFlightIsAConflict() {
        String key = UUID.randomUUID().toString();
        String body = Fixtures.alert("powershell-cradle.json", "idem-flight-" + UUID.randomUUID());
        inFlight(key, body);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CONFLICT.getStatusCode())
                .contentType("application/problem+json")
                .body("type", equalTo("https://arbiter.dev/problems/idempotency-key-in-flight"));
    }

    @Test
    void abandonedInFlightKeyIsTakenOverAfterTheGracePeriod() {
        String key = UUID.randomUUID().toString();
        String body = Fixtures.alert("powershell-cradle.json", "idem-abandoned-" + UUID.randomUUID());
        inFlight(key, body);
        clock.advance(Duration.ofMinutes(6));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode());
    }

    @Test
    void keyIsForgottenAfterItsRetention() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.alert("powershell-cradle.json", "idem-old-" + UUID.randomUUID()))
                .post("/api/v1/alerts").then().statusCode(201);
        clock.advance(Duration.ofHours(25));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.alert("powershell-cradle.json", "idem-new-" + UUID.randomUUID()))
                .post("/api/v1/alerts").then().statusCode(201);
    }

    @Test
    void invalidBodyDoesNotUseUpTheKey() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"source\": 1}")
                .post("/api/v1/alerts").then().statusCode(422);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.alert("powershell-cradle.json", "idem-after-bad-" + UUID.randomUUID()))
                .post("/api/v1/alerts").then().statusCode(201);
    }

    @Test
    void overlongKeyIsABadRequest() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(256))
                .body(Fixtures.alert("powershell-cradle.json", "idem-long-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Idempotency-Key"));
    }

    @Test
    void racingRequestsWithOneKeyDecideOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String externalId = "idem-race-" + UUID.randomUUID();
        String body = Fixtures.alert("powershell-cradle.json", externalId);

        List<Response> responses = concurrently(() -> given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/alerts"));

        // a request that arrives while the first is deciding is refused as in flight (409); one that arrives after it
        // finished gets its response replayed (201): how many of each depends on the scheduling, never more than one
        // decision
        assertThat(responses).extracting(Response::statusCode).isSubsetOf(201, 409).contains(201);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201)
                .extracting(r -> r.<String>path("id")).isNotEmpty().containsOnly(
                        responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().<String>path("id"));
        assertThat(alerts.find("externalId", externalId).count()).isEqualTo(1);
    }

    private void inFlight(String key, String body) {
        QuarkusTransaction.requiringNew().run(() -> {
            IdempotencyRecord record = new IdempotencyRecord();
            record.key = IdempotencyService.scoped(new dev.arbiter.common.Principal("user", "tester", "tester"), key);
            record.fingerprint = IdempotencyService.fingerprint(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.state = IdempotencyRecord.IN_FLIGHT;
            record.createdAt = clock.instant();
            keys.persist(record);
        });
    }

    private static List<Response> concurrently(Callable<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
