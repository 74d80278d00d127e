package dev.arbiter.dispatch;

import static dev.arbiter.dispatch.Receiver.Answer.HANG;
import static dev.arbiter.dispatch.Receiver.Answer.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.Scrape;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.ActionReady;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Actions go out through the outbox to a real HTTP receiver: signed, with a stable idempotency key, retried with
 * backoff, timed out, dead-lettered, re-driven, taken over after a lost lease, and never claimed twice at once.
 * The worker is driven by hand with the test clock; its schedule is off in tests.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
@TestSecurity(user = "dispatch-tester", roles = {Roles.INGEST, Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN})
class DispatchResourceTest {

    private static final String NOTIFY = WebhookReceiver.pathOf("notify-soc");
    private static final String SUCCEEDED = "arbiter_dispatch_attempts_total{outcome=\"succeeded\"}";
    private static final String FAILED = "arbiter_dispatch_attempts_total{outcome=\"failed\"}";
    private static final String PENDING = "arbiter_outbox_pending";

    @Inject
    DispatchWorker worker;

    @Inject
    Outbox outbox;

    @Inject
    WebhookSender sender;

    @Inject
    TestClock clock;

    @Inject
    AuditRepository audit;

    @Inject
    Event<ActionReady> actionReady;

    @Inject
    EntityManager em;

    private final Receiver receiver = WebhookReceiver.receiver();
    private String externalId;

    @BeforeEach
    void setUp() {
        clock.reset();
        externalId = "dispatch-" + UUID.randomUUID();
    }

    @AfterEach
    void releaseReceiver() {
        receiver.releaseHanging();
    }

    @Test
    void automaticActionIsDeliveredOnceSignedWithItsIdempotencyKey() {
        JsonPath decision = submit("minimal.json");
        String decisionId = decision.getString("id");
        JsonPath queued = dispatches(decisionId);
        assertThat(queued.getList("items.status")).containsExactly("queued");
        assertThat(queued.getString("items[0].event")).isEqualTo("notify-soc");
        String deliveryId = queued.getString("items[0].id");

        worker.drain();
        worker.drain();

        List<Receiver.Request> received = receiver.received(NOTIFY, externalId);
        assertThat(received).hasSize(1);
        Receiver.Request request = received.get(0);
        assertThat(request.header("Idempotency-Key")).isEqualTo(deliveryId);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Arbiter-Event")).isEqualTo("action");
        assertThat(request.header("X-Arbiter-Attempt")).isEqualTo("1");
        Signatures.assertValid(request, WebhookReceiver.secretOf("notify-soc"), clock.instant());
        JsonPath body = JsonPath.from(request.body());
        String actionId = decision.getString("actions[0].id");
        assertThat(body.getString("deliveryId")).isEqualTo(deliveryId);
        assertThat(body.getString("actionId")).isEqualTo(actionId);
        assertThat(body.getString("type")).isEqualTo("notify-soc");
        assertThat(body.getString("target")).isEqualTo("alert:edr/" + externalId);
        assertThat(body.getString("impact")).isEqualTo("low");
        assertThat(body.getString("decisionId")).isEqualTo(decisionId);
        assertThat(body.getString("priority")).isEqualTo("P4");
        assertThat(body.getString("alert.source")).isEqualTo("edr");
        assertThat(body.getString("alert.externalId")).isEqualTo(externalId);

        given().when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).body("actions[0].status", equalTo("succeeded"));
        JsonPath delivery = delivery(deliveryId);
        assertThat(delivery.getString("status")).isEqualTo("succeeded");
        assertThat(delivery.getString("responder")).isEqualTo("notify-soc");
        assertThat(delivery.getList("attempts.statusCode")).containsExactly(200);
        assertThat(delivery.getList("attempts.outcome")).containsExactly("succeeded");
        assertThat(delivery.getString("attempts[0].startedAt")).isEqualTo(TestClock.START.toString());
        assertThat(auditTypes(decisionId)).containsSubsequence("action.dispatched", "action.attempt", "action.succeeded");
    }

    @Test
    void aScheduledRunKeepsSendingWhileBatchesComeBackFull() {
        worker.drain(); // what earlier tests left due
        int batch = 20; // arbiter.dispatch.batch-size's default, which the tests keep
        List<String> ids = new java.util.ArrayList<>();
        List<String> decisions = new java.util.ArrayList<>();
        for (int i = 0; i < batch + 5; i++) {
            externalId = "flood-" + i + "-" + UUID.randomUUID();
            decisions.add(submit("minimal.json").getString("id"));
            ids.add(externalId);
        }

        worker.scheduled();

        // one run of the schedule sent all of them, not one batch
        for (String id : ids) {
            assertThat(receiver.received(NOTIFY, id)).as("deliveries for %s", id).hasSize(1);
        }
        assertThat(worker.runOnce()).isZero();
        // a claim sets the statuses of its whole batch at once: every action moved on, none was left queued
        for (String decisionId : decisions) {
            given().when().get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                    .body("actions.find { it.type == 'notify-soc' }.status", equalTo("succeeded"));
        }
    }

    @Test
    void outboxRowCommitsAndRollsBackWithTheApproval() {
        JsonPath decision = submit("powershell-cradle.json");
        String decisionId = decision.getString("id");
        UUID isolate = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        assertThat(decision.getString("actions.find { it.type == 'isolate-host' }.status")).isEqualTo("pending-approval");

        try {
            QuarkusTransaction.requiringNew().run(() -> {
                actionReady.fire(new ActionReady(UUID.fromString(decisionId), isolate));
                throw new IllegalStateException("the approval failed after all");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(dispatches(decisionId).getList("items.event")).doesNotContain("isolate-host");

        QuarkusTransaction.requiringNew().run(() -> actionReady.fire(new ActionReady(UUID.fromString(decisionId), isolate)));
        QuarkusTransaction.requiringNew().run(() -> actionReady.fire(new ActionReady(UUID.fromString(decisionId), isolate)));
        assertThat(dispatches(decisionId).getList("items.event")).containsOnlyOnce("isolate-host");
        given().when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).body("actions.find { it.type == 'isolate-host' }.status", equalTo("queued"));

        worker.drain();

        List<Receiver.Request> received = receiver.received(WebhookReceiver.pathOf("isolate-host"), externalId);
        assertThat(received).hasSize(1);
        Signatures.assertValid(received.get(0), WebhookReceiver.secretOf("isolate-host"), clock.instant());
        assertThat(JsonPath.from(received.get(0).body()).getString("target")).isEqualTo("host:fin-db-01");
        assertThat(JsonPath.from(received.get(0).body()).getString("impact")).isEqualTo("high");
        given().when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).body("actions.find { it.type == 'isolate-host' }.status", equalTo("succeeded"));
    }

    @Test
    void actionTypeWithoutResponderIsMarkedAndListedWithTheDeadLetters() {
        JsonPath decision = submit("powershell-cradle.json");
        String decisionId = decision.getString("id");
        // settled as it was queued, in the deciding transaction: the answer says so before any worker ran
        assertThat(decision.getString("actions.find { it.type == 'page-on-call' }.status")).isEqualTo("no-responder");
        assertThat(decision.getString("actions.find { it.type == 'open-ticket' }.status")).isEqualTo("queued");
        assertThat(dispatches(decisionId).getString("items.find { it.event == 'page-on-call' }.status"))
                .isEqualTo("no-responder");
        externalId = "second-" + UUID.randomUUID();
        String secondId = submit("powershell-cradle.json").getString("id");

        worker.drain();

        given().when().get("/api/v1/decisions/" + secondId).then().statusCode(200)
                .body("actions.find { it.type == 'page-on-call' }.status", equalTo("no-responder"))
                .body("actions.find { it.type == 'open-ticket' }.status", equalTo("succeeded"));

        given().when().get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                .body("actions.find { it.type == 'page-on-call' }.status", equalTo("no-responder"))
                .body("actions.find { it.type == 'open-ticket' }.status", equalTo("succeeded"))
                .body("actions.find { it.type == 'block-hash' }.status", equalTo("succeeded"))
                .body("actions.find { it.type == 'isolate-host' }.status", equalTo("pending-approval"));
        JsonPath page = dispatches(decisionId);
        String deliveryId = page.getString("items.find { it.event == 'page-on-call' }.id");
        assertThat(page.getString("items.find { it.event == 'page-on-call' }.lastError"))
                .contains("no responder is configured for page-on-call");
        assertThat(page.getList("items.find { it.event == 'page-on-call' }.attempts")).isEmpty();
        assertThat(deadLetterIds()).contains(deliveryId);
        assertThat(auditTypes(decisionId)).contains("action.no-responder");
    }

    @Test
    void failingResponderIsRetriedWithBackoffThenDeadLetteredThenRedriven() {
        receiver.script(NOTIFY, externalId, status(503));
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");

        worker.drain();
        JsonPath first = delivery(deliveryId);
        assertThat(first.getString("status")).isEqualTo("failed");
        assertThat(first.getString("lastError")).isEqualTo("HTTP 503");
        Instant next = Instant.parse(first.getString("nextAttemptAt"));
        assertThat(next).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plusSeconds(1)); // base 1 s
        given().when().get("/api/v1/decisions/" + decisionId).then().body("actions[0].status", equalTo("failed"));

        worker.drain(); // not due yet: nothing is sent
        assertThat(receiver.received(NOTIFY, externalId)).hasSize(1);

        clock.advance(Duration.ofSeconds(10)); // the cap
        worker.drain();
        assertThat(delivery(deliveryId).getString("status")).isEqualTo("failed");
        clock.advance(Duration.ofSeconds(10));
        worker.drain();

        JsonPath dead = delivery(deliveryId);
        assertThat(dead.getString("status")).isEqualTo("dead-lettered");
        assertThat(dead.getString("lastError")).isEqualTo("gave up after 3 attempts; the last: HTTP 503");
        assertThat(dead.getList("attempts.statusCode")).containsExactly(503, 503, 503);
        assertThat(dead.getList("attempts.attempt")).containsExactly(1, 2, 3);
        assertThat(deadLetterIds()).contains(deliveryId);
        given().when().get("/api/v1/decisions/" + decisionId).then().body("actions[0].status", equalTo("dead-lettered"));
        List<Receiver.Request> received = receiver.received(NOTIFY, externalId);
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsOnly(deliveryId);
        assertThat(received).extracting(Receiver.Request::body).containsOnly(received.get(0).body());

        clock.advance(Duration.ofMinutes(30));
        worker.drain(); // a dead letter stays put
        assertThat(receiver.received(NOTIFY, externalId)).hasSize(3);

        receiver.script(NOTIFY, externalId, status(200));
        given().when().post("/api/v1/dispatch/" + deliveryId + "/redrive")
                .then().statusCode(200).body("status", equalTo("queued"));
        given().when().get("/api/v1/decisions/" + decisionId).then().body("actions[0].status", equalTo("queued"));
        worker.drain();

        JsonPath redriven = delivery(deliveryId);
        assertThat(redriven.getString("status")).isEqualTo("succeeded");
        assertThat(redriven.getList("attempts.statusCode")).containsExactly(503, 503, 503, 200);
        assertThat(receiver.received(NOTIFY, externalId)).extracting(r -> r.header("Idempotency-Key")).containsOnly(deliveryId);
        assertThat(deadLetterIds()).doesNotContain(deliveryId);
        assertThat(auditTypes(decisionId)).containsSubsequence("action.failed", "action.failed", "action.dead-lettered",
                "action.redriven", "action.succeeded");
        AuditEvent redrive = audit.forSubject(decisionId).stream().filter(e -> e.type.equals("action.redriven")).findFirst().orElseThrow();
        assertThat(redrive.principalName).isEqualTo("dispatch-tester");

        given().when().post("/api/v1/dispatch/" + deliveryId + "/redrive")
                .then().statusCode(Status.CONFLICT.getStatusCode()).contentType("application/problem+json");
    }

    @Test
    void aReceiverAskingToRetryLaterIsNotCalledBeforeThen() {
        receiver.script(NOTIFY, externalId, Receiver.Answer.retryAfter(429, "120"), status(200));
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");

        worker.drain();
        JsonPath throttled = delivery(deliveryId);
        assertThat(throttled.getString("lastError")).isEqualTo("HTTP 429");
        assertThat(Instant.parse(throttled.getString("nextAttemptAt"))).as("Retry-After 120 s, not the 1 s backoff")
                .isEqualTo(clock.instant().plusSeconds(120));

        clock.advance(Duration.ofSeconds(119));
        worker.drain();
        assertThat(receiver.received(NOTIFY, externalId)).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        worker.drain();
        assertThat(delivery(deliveryId).getString("status")).isEqualTo("succeeded");
        assertThat(receiver.received(NOTIFY, externalId)).hasSize(2);
    }

    @Test
    void serverErrorThenSuccessRecordsBothAttempts() {
        receiver.script(NOTIFY, externalId, status(500), status(200));
        Scrape before = Scrape.now();
        long succeeded = attemptsRecorded("succeeded");
        long failed = attemptsRecorded("failed");
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");
        assertThat(Scrape.now().present(PENDING) - before.present(PENDING)).as("the delivery waits for the worker")
                .isEqualTo(1);

        worker.drain();
        assertThat(delivery(deliveryId).getString("status")).isEqualTo("failed");
        clock.advance(Duration.ofSeconds(10));
        worker.drain();

        // the worker counts what it records; other tests' rows that fell due may have gone out beside this one
        Scrape after = Scrape.now();
        assertThat(after.value(SUCCEEDED) - before.value(SUCCEEDED)).isPositive()
                .isEqualTo(attemptsRecorded("succeeded") - succeeded);
        assertThat(after.value(FAILED) - before.value(FAILED)).isPositive()
                .isEqualTo(attemptsRecorded("failed") - failed);

        JsonPath delivery = delivery(deliveryId);
        assertThat(delivery.getString("status")).isEqualTo("succeeded");
        assertThat(delivery.getList("attempts.statusCode")).containsExactly(500, 200);
        assertThat(delivery.getList("attempts.outcome")).containsExactly("failed", "succeeded");
        assertThat(delivery.getList("attempts.startedAt"))
                .containsExactly(TestClock.START.toString(), TestClock.START.plusSeconds(10).toString());
        assertThat(delivery.getList("attempts.durationMs", Integer.class)).allSatisfy(ms -> assertThat(ms).isNotNegative());
        List<Receiver.Request> received = receiver.received(NOTIFY, externalId);
        assertThat(received).extracting(r -> r.header("X-Arbiter-Attempt")).containsExactly("1", "2");
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsOnly(deliveryId);
        Signatures.assertValid(received.get(1), WebhookReceiver.secretOf("notify-soc"), TestClock.START.plusSeconds(10));
        given().when().get("/api/v1/decisions/" + decisionId).then().body("actions[0].status", equalTo("succeeded"));
    }

    @Test
    void hangingResponderTimesOutAsAFailedAttempt() {
        receiver.script(NOTIFY, externalId, HANG, status(200));
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");

        worker.drain();

        JsonPath timedOut = delivery(deliveryId);
        assertThat(timedOut.getString("status")).isEqualTo("failed");
        assertThat(timedOut.getString("attempts[0].error")).isEqualTo("timed out: no answer within 2000 ms");
        assertThat(timedOut.getString("attempts[0].statusCode")).isNull();
        assertThat(timedOut.getString("lastError")).startsWith("timed out");

        receiver.releaseHanging();
        clock.advance(Duration.ofSeconds(10));
        worker.drain();
        assertThat(delivery(deliveryId).getList("attempts.outcome")).containsExactly("failed", "succeeded");
    }

    @Test
    void refusalByTheResponderIsDeadLetteredWithoutRetrying() {
        receiver.script(NOTIFY, externalId, status(400));
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");

        worker.drain();

        JsonPath dead = delivery(deliveryId);
        assertThat(dead.getString("status")).isEqualTo("dead-lettered");
        assertThat(dead.getString("lastError")).isEqualTo("the receiver refused it (HTTP 400); retrying cannot help");
        assertThat(dead.getList("attempts")).hasSize(1);
    }

    @Test
    void succeededDeliveriesPastTheRetentionArePurgedButDeadLettersStay() {
        String succeededId = dispatches(submit("minimal.json").getString("id")).getString("items[0].id");
        worker.drain();
        assertThat(delivery(succeededId).getString("status")).isEqualTo("succeeded");
        externalId = "dispatch-" + UUID.randomUUID();
        receiver.script(NOTIFY, externalId, status(400));
        String deadId = dispatches(submit("minimal.json").getString("id")).getString("items[0].id");
        worker.drain();
        assertThat(delivery(deadId).getString("status")).isEqualTo("dead-lettered");

        clock.advance(Duration.ofDays(29));
        worker.purge();
        assertThat(delivery(succeededId).getString("status")).as("inside the 30-day retention").isEqualTo("succeeded");

        clock.advance(Duration.ofDays(2));
        assertThat(worker.purge()).isPositive();
        given().when().get("/api/v1/dispatch/" + succeededId).then().statusCode(Status.NOT_FOUND.getStatusCode());
        assertThat(delivery(deadId).getString("status")).isEqualTo("dead-lettered");
        assertThat(deadLetterIds()).contains(deadId);
        assertThat(audit.forSubject("dispatch")).extracting(e -> e.type).contains("dispatch.purged");
    }

    @Test
    void deliveryWhoseWorkerDiedIsSentAgainWithTheSameKeyAfterItsLease() {
        worker.drain(); // nothing else due, so the claim below takes this test's delivery
        String decisionId = submit("minimal.json").getString("id");
        String deliveryId = dispatches(decisionId).getString("items[0].id");

        List<Delivery> claimed = outbox.claim(50).deliveries();
        Delivery mine = claimed.stream().filter(d -> d.id().toString().equals(deliveryId)).findFirst().orElseThrow();
        Delivery.Result lost = sender.send(List.of(mine)).get(0); // sent, then the worker "dies" before recording it
        assertThat(lost.statusCode()).isEqualTo(200);
        JsonPath inFlight = delivery(deliveryId);
        assertThat(inFlight.getString("status")).isEqualTo("dispatched");
        assertThat(inFlight.getString("leaseExpiresAt")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(1)).toString());
        given().when().get("/api/v1/decisions/" + decisionId).then().body("actions[0].status", equalTo("dispatched"));

        worker.drain(); // the lease still holds
        assertThat(receiver.received(NOTIFY, externalId)).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        worker.drain();

        List<Receiver.Request> received = receiver.received(NOTIFY, externalId);
        assertThat(received).hasSize(2);
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsOnly(deliveryId);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        JsonPath delivery = delivery(deliveryId);
        assertThat(delivery.getString("status")).isEqualTo("succeeded");
        assertThat(delivery.getList("attempts.outcome")).containsExactly("lease-expired", "succeeded");
        assertThat(delivery.getList("attempts.attempt")).containsExactly(1, 2);
        assertThat(delivery.getList("attempts.startedAt")).containsExactly(TestClock.START.toString(),
                TestClock.START.plus(Duration.ofMinutes(1).plusSeconds(1)).toString());

        // the first worker's result turns up after all
        assertThat(outbox.settle(mine, lost)).isEqualTo("late");
        JsonPath late = delivery(deliveryId);
        assertThat(late.getString("status")).isEqualTo("succeeded");
        assertThat(late.getList("attempts.outcome")).containsExactly("lease-expired", "late", "succeeded");
        assertThat(auditTypes(decisionId).stream().filter("action.succeeded"::equals)).hasSize(1);
    }

    @Test
    void twoWorkersNeverClaimTheSameDelivery() throws Exception {
        worker.drain(); // only this test's deliveries are due below, each with a responder
        submit("minimal.json");
        externalId = "dispatch-" + UUID.randomUUID();
        submit("minimal.json");
        CountDownLatch claimedByFirst = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<List<Delivery>> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<Delivery> mine = outbox.claim(1).deliveries();
            claimedByFirst.countDown();
            commitFirst.await(30, TimeUnit.SECONDS); // holds its row locks, uncommitted
            return mine;
        }));
        assertThat(claimedByFirst.await(30, TimeUnit.SECONDS)).isTrue();

        // The second worker neither waits for the first's locked row nor takes it.
        List<Delivery> second = CompletableFuture.supplyAsync(() -> outbox.claim(10).deliveries()).get(30, TimeUnit.SECONDS);
        commitFirst.countDown();
        List<Delivery> firstClaimed = first.get(30, TimeUnit.SECONDS);
        // Once committed, the first's claim is a lease: a third worker does not take it either.
        List<Delivery> third = outbox.claim(10).deliveries();

        assertThat(firstClaimed).hasSize(1);
        assertThat(second).isNotEmpty();
        Set<UUID> seen = new HashSet<>();
        for (Delivery d : concat(firstClaimed, second, third)) {
            assertThat(seen.add(d.id())).as("delivery %s claimed twice", d.id()).isTrue();
        }
    }

    private static List<Delivery> concat(List<Delivery> a, List<Delivery> b, List<Delivery> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }

    private JsonPath submit(String fixture) {
        return given().contentType(ContentType.JSON).body(Fixtures.alert(fixture, externalId))
                .when().post("/api/v1/alerts")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath dispatches(String decisionId) {
        return given().when().get("/api/v1/decisions/" + decisionId + "/dispatches")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath delivery(String deliveryId) {
        return given().when().get("/api/v1/dispatch/" + deliveryId).then().statusCode(200).extract().jsonPath();
    }

    static List<String> deadLetterIds() {
        return given().when().get("/api/v1/dispatch/dead-letters").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }

    private long attemptsRecorded(String outcome) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from dispatch_attempt where outcome = ?1").setParameter(1, outcome).getSingleResult())
                .longValue());
    }

    private List<String> auditTypes(String decisionId) {
        return audit.forSubject(decisionId).stream().map(e -> e.type).toList();
    }
}
