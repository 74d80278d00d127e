package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * More alerts in flight than the pool has connections: each waits its turn for one and none waits for a second. Two
 * ways an alert used to hold a connection and wait for another (issue #9): its context was read outside the storing
 * transaction, by the request's session, which keeps its connection until the request ends; and a transaction that had
 * not yet touched the database took the audit id generator's lock, then waited for a connection held by transactions
 * waiting for that lock. Either stalled the service until the pool's acquisition timeout turned requests into 500s.
 */
@QuarkusTest
@TestProfile(SmallPoolResourceTest.TwoConnections.class)
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class SmallPoolResourceTest {

    /** Two connections, and a short wait for one, so that a request waiting for a second fails the test quickly. */
    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }
    }

    private static final int THREADS = 16;
    /** Past the audit id generator's block of 50 several times: an alert writes two events or more. */
    private static final int ALERTS = 400;

    @Inject
    AuditRepository audit;

    @Test
    void alertsInFlightBeyondThePoolAreAllDecidedAndStored() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < ALERTS; i++) {
                // alerts naming a host and a user read their history first; alerts naming none take the id
                // generator's lock before anything else touches the database
                String fixture = i % 2 == 0 ? "powershell-cradle.json" : "minimal.json";
                String body = Fixtures.alert(fixture, "pool-" + run + "-" + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body)
                            .when().post("/api/v1/alerts").then().extract();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> decisionIds = new HashSet<>();
            Set<String> alertIds = new HashSet<>();
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get(120, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                decisionIds.add(response.jsonPath().getString("id"));
                alertIds.add(response.jsonPath().getString("alertId"));
            }
            assertThat(statuses).as("every alert decided, none refused for want of a connection").containsOnly(201);
            assertThat(decisionIds).hasSize(ALERTS);
            long received = QuarkusTransaction.requiringNew().call(() ->
                    audit.count("type = ?1 and subjectId in ?2", AuditLog.ALERT_RECEIVED, alertIds));
            assertThat(received).as("each alert's reception is in the audit log").isEqualTo(ALERTS);
        } finally {
            pool.shutdownNow();
        }
    }
}
