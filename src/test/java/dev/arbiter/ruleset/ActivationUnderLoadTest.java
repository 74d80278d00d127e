package dev.arbiter.ruleset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.Principal;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Alerts keep being decided while the ruleset is swapped back and forth: no request fails, each names a real version. */
@QuarkusTest
class ActivationUnderLoadTest {

    @Inject
    RulesetService service;
    @Inject
    ActiveRuleset active;

    @AfterEach
    void backToShipped() {
        if (!active.get().version().equals(Bundles.SHIPPED.version())) {
            service.rollback(Bundles.SHIPPED.version(), Principal.SYSTEM);
        }
    }

    @Test
    void activationUnderLoadLosesNothing() throws Exception {
        Map<String, String> other = Bundles.harmless("load test");
        String shipped = Bundles.SHIPPED.version();
        String next = Bundles.version(other);
        String token = Tokens.withRoles("ingest-load", Roles.INGEST);
        ConcurrentLinkedQueue<Response> responses = new ConcurrentLinkedQueue<>();
        AtomicBoolean activating = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                running.add(senders.submit(() -> {
                    int sent = 0;
                    while (activating.get() || sent < 5) {
                        responses.add(given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                                {"source": "load", "externalId": "%s", "title": "Load", "category": "malware",
                                 "severity": "high", "occurredAt": "2026-11-28T02:14:00Z"}
                                """.formatted(UUID.randomUUID())).when().post("/api/v1/alerts"));
                        sent++;
                    }
                }));
            }
            for (int round = 0; round < 2; round++) {
                service.activate(other, new Principal("user", "load-author", "load-author"));
                service.rollback(shipped, new Principal("user", "load-author", "load-author"));
            }
            activating.set(false);
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            activating.set(false);
            senders.shutdownNow();
        }

        assertThat(responses).hasSizeGreaterThanOrEqualTo(20);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(201));
        Set<String> versions = Set.copyOf(responses.stream().map(r -> r.jsonPath().getString("rulesetVersion")).toList());
        assertThat(versions).isSubsetOf(shipped, next);
    }
}
