package dev.arbiter.dispatch;

import static dev.arbiter.dispatch.Receiver.Answer.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.arbiter.approval.RecordedEvents;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A requester that gives a callback URL hears about its decision's changes there: signed with the callback secret,
 * an idempotency key per change, retried and dead-lettered like actions, from a real HTTP receiver's point of view.
 */
@QuarkusTest
@TestSecurity(user = "callback-tester", roles = {Roles.INGEST, Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN})
class CallbackResourceTest {

    private static final String CALLBACKS = WebhookReceiver.CALLBACK_PATH;
    private static final String NOTIFY = WebhookReceiver.pathOf("notify-soc");

    @Inject
    DispatchWorker worker;

    @Inject
    TestClock clock;

    @Inject
    AuditRepository audit;

    @Inject
    Event<DecisionChanged> changes;

    @Inject
    DispatchQueue queue;

    @Inject
    RecordedEvents events;

    @Inject
    @CacheName(DispatchQueue.REQUESTERS)
    Cache requesters;

    private final Receiver receiver = WebhookReceiver.receiver();
    private String externalId;

    @BeforeEach
    void setUp() {
        clock.reset();
        externalId = "callback-" + UUID.randomUUID();
    }

    @Test
    void requesterHearsTheDecisionAndThatItsActionWentOut() {
        String decisionId = submit(receiver.url(CALLBACKS)).getString("id");
        given().when().get("/api/v1/decisions/" + decisionId + "/dispatches").then().statusCode(200)
                .body("items.kind", containsInAnyOrder("action", "callback"))
                .body("items.find { it.kind == 'callback' }.event", equalTo("decided"))
                .body("items.find { it.kind == 'callback' }.callbackUrl", equalTo(receiver.url(CALLBACKS)));

        worker.drain();

        List<Receiver.Request> received = receiver.received(CALLBACKS, externalId);
        assertThat(received).extracting(r -> r.json().path("change").asText()).containsExactly("decided", "dispatched");
        for (Receiver.Request callback : received) {
            Signatures.assertValid(callback, WebhookReceiver.CALLBACK_SECRET, clock.instant());
            assertThat(callback.header("Idempotency-Key")).isEqualTo(callback.json().path("deliveryId").asText());
            assertThat(callback.header("X-Arbiter-Event")).isEqualTo("decision." + callback.json().path("change").asText());
        }
        assertThat(received.get(0).header("Idempotency-Key")).isNotEqualTo(received.get(1).header("Idempotency-Key"));
        JsonPath decided = JsonPath.from(received.get(0).body());
        assertThat(decided.getString("decisionId")).isEqualTo(decisionId);
        assertThat(decided.getString("decision")).isEqualTo("/api/v1/decisions/" + decisionId);
        assertThat(decided.getString("alert.source")).isEqualTo("edr");
        assertThat(decided.getString("alert.externalId")).isEqualTo(externalId);
        assertThat(decided.getString("details.priority")).isEqualTo("P4");
        assertThat(decided.getList("details.actions.type")).containsExactly("notify-soc");
        assertThat(decided.getList("details.actions.status")).containsExactly("queued");
        JsonPath dispatched = JsonPath.from(received.get(1).body());
        assertThat(dispatched.getString("alert.id")).isEqualTo(decided.getString("alert.id")).isNotBlank();
        assertThat(dispatched.getString("alert.source")).isEqualTo("edr");
        assertThat(dispatched.getString("alert.externalId")).isEqualTo(externalId);
        assertThat(dispatched.getString("details.type")).isEqualTo("notify-soc");
        assertThat(dispatched.getString("details.target")).isEqualTo("alert:edr/" + externalId);
        assertThat(dispatched.getString("details.status")).isEqualTo("succeeded");
        assertThat(auditTypes(decisionId)).contains("callback.dispatched", "callback.attempt", "callback.succeeded");
    }

    @Test
    void callbacksOfOneDecisionGoOutInOrderEvenWhenTheFirstMustBeRetried() {
        receiver.script(CALLBACKS, externalId, status(503), status(204));
        submit(receiver.url(CALLBACKS));

        worker.drain(); // the action goes out; "decided" fails once, so "dispatched" is due before "decided" is retried
        assertThat(receiver.received(CALLBACKS, externalId)).extracting(r -> r.json().path("change").asText())
                .containsExactly("decided");
        clock.advance(Duration.ofSeconds(10));
        worker.drain();

        assertThat(receiver.received(CALLBACKS, externalId)).extracting(r -> r.json().path("change").asText())
                .containsExactly("decided", "decided", "dispatched");
    }

    @Test
    void requesterHearsThatItsActionFailed() {
        receiver.script(NOTIFY, externalId, status(422));
        submit(receiver.url(CALLBACKS));

        worker.drain();

        List<Receiver.Request> received = receiver.received(CALLBACKS, externalId);
        assertThat(received).extracting(r -> r.json().path("change").asText()).containsExactly("decided", "failed");
        JsonPath failed = JsonPath.from(received.get(1).body());
        assertThat(failed.getString("details.status")).isEqualTo("dead-lettered");
        assertThat(failed.getString("details.reason")).isEqualTo("the receiver refused it (HTTP 422); retrying cannot help");
    }

    @Test
    void requesterHearsOfAnActionWithoutResponderRightAfterTheDecision() {
        String body = Fixtures.alert("powershell-cradle.json", externalId)
                .replace("\"category\"", "\"callbackUrl\": \"" + receiver.url(CALLBACKS) + "\", \"category\"");
        JsonPath decision = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
        String pageId = decision.getString("actions.find { it.type == 'page-on-call' }.id"); // no responder here
        assertThat(decision.getString("actions.find { it.type == 'page-on-call' }.status")).isEqualTo("no-responder");

        worker.drain();

        List<Receiver.Request> received = receiver.received(CALLBACKS, externalId);
        assertThat(received).extracting(r -> r.json().path("change").asText()).startsWith("decided", "failed")
                .containsOnly("decided", "failed", "dispatched");
        JsonPath decided = JsonPath.from(received.get(0).body());
        assertThat(decided.getString("details.actions.find { it.type == 'page-on-call' }.status"))
                .isEqualTo("no-responder");
        JsonPath failed = JsonPath.from(received.get(1).body());
        assertThat(failed.getString("details.actionId")).isEqualTo(pageId);
        assertThat(failed.getString("details.status")).isEqualTo("no-responder");
        assertThat(failed.getString("details.reason")).contains("no responder is configured for page-on-call");
    }

    @ParameterizedTest
    @ValueSource(strings = {"approved", "rejected", "expired"})
    void approvalOutcomesAreCalledBack(String change) {
        String decisionId = submit(receiver.url(CALLBACKS)).getString("id");
        // as on a replica that did not make the decision, or after a restart
        requesters.invalidateAll().await().indefinitely();
        Map<String, Object> details = Map.of("actionId", UUID.randomUUID().toString(), "type", "isolate-host",
                "reason", "test " + change);
        QuarkusTransaction.requiringNew().run(() -> changes.fire(new DecisionChanged(UUID.fromString(decisionId), change, details)));

        worker.drain();

        List<Receiver.Request> received = receiver.received(CALLBACKS, externalId);
        assertThat(received).extracting(r -> r.json().path("change").asText()).contains(change);
        Receiver.Request callback = received.stream().filter(r -> r.json().path("change").asText().equals(change))
                .findFirst().orElseThrow();
        Signatures.assertValid(callback, WebhookReceiver.CALLBACK_SECRET, clock.instant());
        JsonPath body = JsonPath.from(callback.body());
        assertThat(body.getString("details.reason")).isEqualTo("test " + change);
        // fired in a transaction that never loaded the decision: the requester is read from the database
        assertThat(body.getString("decisionId")).isEqualTo(decisionId);
        assertThat(body.getString("alert.id")).isNotBlank();
        assertThat(body.getString("alert.source")).isEqualTo("edr");
        assertThat(body.getString("alert.externalId")).isEqualTo(externalId);
    }

    @Test
    void twoChangesOfADecisionInOneTransactionAreBothCalledBack() {
        String decisionId = submit(receiver.url(CALLBACKS)).getString("id");
        QuarkusTransaction.requiringNew().run(() -> {
            changes.fire(new DecisionChanged(UUID.fromString(decisionId), "approved", Map.of("reason", "first")));
            changes.fire(new DecisionChanged(UUID.fromString(decisionId), "expired", Map.of("reason", "second")));
        });

        worker.drain();

        List<JsonPath> calledBack = receiver.received(CALLBACKS, externalId).stream()
                .filter(r -> List.of("approved", "expired").contains(r.json().path("change").asText()))
                .map(r -> JsonPath.from(r.body())).toList();
        assertThat(calledBack).extracting(b -> b.getString("details.reason")).containsExactly("first", "second");
        assertThat(calledBack).allSatisfy(b -> {
            assertThat(b.getString("alert.externalId")).isEqualTo(externalId);
            assertThat(b.getString("alert.source")).isEqualTo("edr");
        });
    }

    @Test
    void changeOfAnUnknownDecisionFailsItsTransaction() {
        assertChangeFailsAsUnknown(UUID.randomUUID());
    }

    @Test
    void requesterIsLeftForTheWorkerWhenTheDecisionCommitsAndTakenOnce() {
        String callbackUrl = receiver.url(CALLBACKS);
        UUID decisionId = UUID.fromString(submit(callbackUrl).getString("id"));

        DispatchQueue.Requester requester = queue.remembered(decisionId).orElseThrow();
        assertThat(requester.source()).isEqualTo("edr");
        assertThat(requester.externalId()).isEqualTo(externalId);
        assertThat(requester.callbackUrl()).isEqualTo(callbackUrl);
        assertThat(given().when().get("/api/v1/decisions/" + decisionId).then().statusCode(200).extract()
                .<String>path("alertId")).isEqualTo(requester.alertId().toString());

        worker.drain();

        assertThat(queue.remembered(decisionId)).isEmpty();
        List<JsonPath> received = receiver.received(CALLBACKS, externalId).stream().map(r -> JsonPath.from(r.body()))
                .toList();
        assertThat(received).extracting(b -> b.getString("change")).containsExactly("decided", "dispatched");
        assertThat(received.get(1).getString("alert.id")).isEqualTo(requester.alertId().toString());
    }

    @Test
    void decisionRolledBackIsNotRememberedAndItsChangesFail() {
        UUID first = UUID.fromString(submit(receiver.url(CALLBACKS)).getString("id"));
        String body = alert(receiver.url(CALLBACKS));
        int before = events.decided().size();

        // the same alert again: assessed and stored anew, then refused by the unique constraint at commit
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts")
                .then().statusCode(200).body("id", equalTo(first.toString()));

        List<UUID> decided = events.decided();
        List<UUID> rolledBack = decided.subList(before, decided.size()).stream().filter(id -> !id.equals(first)).toList();
        assertThat(rolledBack).hasSize(1);
        UUID never = rolledBack.get(0);
        assertThat(queue.remembered(first)).isPresent();
        assertThat(queue.remembered(never)).isEmpty();
        assertChangeFailsAsUnknown(never);
    }

    @Test
    void failingCallbackIsRetriedDeadLetteredAndRedriven() {
        receiver.script(CALLBACKS, externalId, status(503));
        String decisionId = submit(receiver.url(CALLBACKS)).getString("id");
        String decidedId = given().when().get("/api/v1/decisions/" + decisionId + "/dispatches").then().extract()
                .path("items.find { it.event == 'decided' }.id");

        worker.drain();
        clock.advance(Duration.ofSeconds(10));
        worker.drain();
        clock.advance(Duration.ofSeconds(10));
        worker.drain();

        JsonPath dead = DispatchResourceTest.delivery(decidedId);
        assertThat(dead.getString("kind")).isEqualTo("callback");
        assertThat(dead.getString("status")).isEqualTo("dead-lettered");
        assertThat(dead.getList("attempts.statusCode")).containsExactly(503, 503, 503);
        assertThat(DispatchResourceTest.deadLetterIds()).contains(decidedId);
        assertThat(auditTypes(decisionId)).contains("callback.failed", "callback.dead-lettered");
        given().when().get("/api/v1/decisions/" + decisionId)
                .then().body("actions[0].status", equalTo("succeeded")); // the action itself went out

        receiver.script(CALLBACKS, externalId, status(204));
        given().when().post("/api/v1/dispatch/" + decidedId + "/redrive").then().statusCode(200);
        worker.drain();

        assertThat(DispatchResourceTest.delivery(decidedId).getString("status")).isEqualTo("succeeded");
        assertThat(receiver.received(CALLBACKS, externalId).stream()
                .filter(r -> r.header("Idempotency-Key").equals(decidedId))).hasSize(4);
        assertThat(auditTypes(decisionId)).contains("callback.redriven");
    }

    @Test
    void noCallbackIsQueuedWithoutACallbackUrl() {
        String decisionId = submit(null).getString("id");

        given().when().get("/api/v1/decisions/" + decisionId + "/dispatches").then().statusCode(200)
                .body("items.kind", equalTo(List.of("action")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://soar.example/hook", "not a url", "/relative/hook", "https://user:pw@soar.example/hook",
            "https:///no-host", "mailto:soc@example.org"})
    void callbackUrlMustBeAnAbsoluteHttpUrl(String url) {
        given().contentType(ContentType.JSON).body(alert(url))
                .when().post("/api/v1/alerts")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("$.callbackUrl")))
                .body("errors[0].message", equalTo("must be an absolute http or https URL with a host, such as https://soar.example/hooks/arbiter"));
    }

    @Test
    void callbackUrlMustBeAString() {
        given().contentType(ContentType.JSON).body(Fixtures.alert("minimal.json", externalId)
                        .replace("\"category\"", "\"callbackUrl\": 42, \"category\""))
                .when().post("/api/v1/alerts")
                .then().statusCode(422).body("errors.field", hasItem("$.callbackUrl"));
    }

    /** A change of a decision that was never stored fails the transaction that fires it. */
    private void assertChangeFailsAsUnknown(UUID decisionId) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> changes.fire(
                new DecisionChanged(decisionId, "approved", Map.of()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No decision " + decisionId);
    }

    private JsonPath submit(String callbackUrl) {
        return given().contentType(ContentType.JSON).body(alert(callbackUrl))
                .when().post("/api/v1/alerts")
                .then().statusCode(201).extract().jsonPath();
    }

    private String alert(String callbackUrl) {
        String body = Fixtures.alert("minimal.json", externalId);
        return callbackUrl == null ? body
                : body.replace("\"category\"", "\"callbackUrl\": \"" + callbackUrl + "\", \"category\"");
    }

    private List<String> auditTypes(String decisionId) {
        return audit.forSubject(decisionId).stream().map(e -> e.type).toList();
    }
}
