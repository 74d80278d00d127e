package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
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
import jakarta.persistence.EntityManagerFactory;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.QueryPlans;
import dev.arbiter.common.Scrape;
import dev.arbiter.common.TestClock;
import dev.arbiter.context.EntityHistory;
import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Alerts with the same fingerprint (source, title, first host) inside the window attach to the open decision. */
@QuarkusTest
@TestProfile(DedupResourceTest.DedupOn.class)
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class DedupResourceTest {

    private static final String WRITES = "arbiter_group_commit_writes_total";
    private static final String TRANSACTIONS = "arbiter_group_commit_transactions_total";

    /** Dedup on, with a one-hour window. */
    public static class DedupOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.dedup.window", "PT1H", "arbiter.dedup.fields", "source,title,host");
        }
    }

    @Inject
    TestClock clock;

    @Inject
    AuditRepository audit;

    @Inject
    AlertRepository alerts;

    @Inject
    DecisionRepository decisions;

    @Inject
    EntityHistory entityHistory;

    @Inject
    EntityManagerFactory factory;

    @Inject
    GroupCommitControl groupCommit;

    private String source;

    @BeforeEach
    void setUp() {
        clock.reset();
        source = "dedup-" + UUID.randomUUID();
    }

    @Test
    void aDuplicateInsideTheWindowAttachesToTheOpenDecision() {
        Scrape start = Scrape.now();
        JsonPath first = submit("a-1", "web-77", Status.CREATED);
        assertThat(first.getInt("occurrences")).isEqualTo(1);
        assertThat(first.getList("actions")).isNotEmpty();
        long actionsBefore = actionCount();

        clock.advance(Duration.ofMinutes(30));
        Scrape before = Scrape.now();
        JsonPath second = submit("a-2", "WEB-77", Status.OK);
        Scrape attached = Scrape.now();
        assertThat(second.getString("id")).isEqualTo(first.getString("id"));
        assertThat(second.getInt("occurrences")).isEqualTo(2);
        assertThat(second.getString("lastSeenAt")).isEqualTo(TestClock.START.plus(Duration.ofMinutes(30)).toString());
        assertThat(second.getList("actions")).isEqualTo(first.getList("actions"));
        assertThat(actionCount()).isEqualTo(actionsBefore);
        assertThat(alerts.findBySourceAndExternalId(source, "a-2")).isPresent();
        assertThat(audit.forSubject(first.getString("id"))).extracting(e -> e.type)
                .containsExactly("decision.made", "action.no-responder", "alert.deduplicated"); // page-on-call

        // The duplicate's own source and external id stay idempotent: a retry counts nothing new.
        JsonPath retried = submit("a-2", "web-77", Status.OK);
        Scrape repeated = Scrape.now();
        assertThat(retried.getInt("occurrences")).isEqualTo(2);
        given().when().get("/api/v1/decisions/" + first.getString("id"))
                .then().statusCode(200).body("occurrences", equalTo(2));

        // /q/metrics: attached once, in one transaction of the group commit; the retry is a repeat, and its attempt to
        // attach failed on the alert's unique constraint, so the group commit committed nothing for it
        String priority = first.getString("priority");
        String attachedCount = "arbiter_alerts_total{outcome=\"attached\",priority=\"" + priority + "\"}";
        String repeatedCount = "arbiter_alerts_total{outcome=\"repeated\",priority=\"" + priority + "\"}";
        assertThat(before.present(WRITES) - start.present(WRITES)).as("the first: its attempt to attach, its decision")
                .isEqualTo(2);
        assertThat(attached.value(attachedCount) - before.value(attachedCount)).isEqualTo(1);
        assertThat(attached.present(WRITES) - before.present(WRITES)).isEqualTo(1);
        assertThat(attached.present(TRANSACTIONS) - before.present(TRANSACTIONS)).isEqualTo(1);
        assertThat(repeated.value(repeatedCount) - attached.value(repeatedCount)).isEqualTo(1);
        assertThat(repeated.value(attachedCount)).isEqualTo(attached.value(attachedCount));
        assertThat(repeated.present(WRITES)).isEqualTo(attached.present(WRITES));
    }

    @Test
    void aDuplicateAfterTheWindowGetsItsOwnDecision() {
        JsonPath first = submit("b-1", "web-78", Status.CREATED);
        clock.advance(Duration.ofMinutes(60));
        JsonPath second = submit("b-2", "web-78", Status.CREATED);
        assertThat(second.getString("id")).isNotEqualTo(first.getString("id"));
        assertThat(second.getInt("occurrences")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(59));
        assertThat(submit("b-3", "web-78", Status.OK).getString("id")).isEqualTo(second.getString("id"));
    }

    @Test
    void concurrentDuplicatesOpenOneDecisionAndAttachTheRest() throws Exception {
        int alertsAtOnce = 8;
        ExecutorService pool = Executors.newFixedThreadPool(alertsAtOnce);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < alertsAtOnce; i++) {
                String externalId = "d-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(alert(externalId, "web-81"))
                            .when().post("/api/v1/alerts").then().extract();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> decisionIds = new HashSet<>();
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                decisionIds.add(response.jsonPath().getString("id"));
            }
            assertThat(statuses).containsOnly(Status.CREATED.getStatusCode(), Status.OK.getStatusCode());
            assertThat(statuses).filteredOn(s -> s == Status.CREATED.getStatusCode()).hasSize(1);
            assertThat(decisionIds).hasSize(1);
            given().when().get("/api/v1/decisions/" + decisionIds.iterator().next())
                    .then().statusCode(200).body("occurrences", equalTo(alertsAtOnce));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * In a flood most alerts repeat an open decision. Repeats of different decisions that arrive together are attached
     * in one transaction, as new decisions are stored (issue #9); each still gets the answer it would have got alone.
     */
    @Test
    void repeatsOfDifferentDecisionsArrivingTogetherAreAttachedInOneTransaction() throws Exception {
        List<String> hosts = List.of("web-90", "web-91", "web-92");
        List<String> decisionIds = new ArrayList<>();
        for (String host : hosts) {
            decisionIds.add(submit(host + "-first", host, Status.CREATED).getString("id"));
        }
        clock.advance(Duration.ofMinutes(5));
        long batches = groupCommit.batches();
        long grouped = groupCommit.grouped();
        long retried = groupCommit.retried();

        List<ExtractableResponse<Response>> answers = groupCommit.postAlerts(
                hosts.stream().map(host -> alert(host + "-again", host)).toList());

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(Status.OK.getStatusCode());
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id"))
                .containsExactlyElementsOf(decisionIds);
        assertThat(answers).extracting(answer -> answer.jsonPath().getInt("occurrences")).containsOnly(2);
        assertThat(groupCommit.batches() - batches).as("one transaction").isEqualTo(1);
        assertThat(groupCommit.grouped() - grouped).as("holding the three repeats").isEqualTo(3);
        assertThat(groupCommit.retried()).isEqualTo(retried);
        for (int i = 0; i < hosts.size(); i++) {
            assertThat(alerts.findBySourceAndExternalId(source, hosts.get(i) + "-again")).isPresent();
            assertThat(audit.forSubject(decisionIds.get(i))).extracting(e -> e.type)
                    .filteredOn("alert.deduplicated"::equals).hasSize(1);
        }
    }

    /**
     * Two repeats of one decision are never attached in one transaction: the second waits until the first has
     * committed, so transactions attaching at the same time never lock the same decision.
     */
    @Test
    void twoRepeatsOfOneDecisionAreAttachedOneAfterTheOther() throws Exception {
        String first = submit("e-1", "web-93", Status.CREATED).getString("id");
        String other = submit("e-2", "web-94", Status.CREATED).getString("id");
        long batches = groupCommit.batches();
        long grouped = groupCommit.grouped();
        long retried = groupCommit.retried();

        List<ExtractableResponse<Response>> answers = groupCommit.postAlerts(
                List.of(alert("e-3", "web-93"), alert("e-4", "web-94"), alert("e-5", "web-93")));

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(Status.OK.getStatusCode());
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id"))
                .containsExactly(first, other, first);
        assertThat(answers).extracting(answer -> answer.jsonPath().getInt("occurrences")).containsExactly(2, 2, 3);
        assertThat(groupCommit.batches() - batches).as("the first two together, the third alone").isEqualTo(1);
        assertThat(groupCommit.grouped() - grouped).isEqualTo(2);
        assertThat(groupCommit.retried()).as("nothing failed").isEqualTo(retried);
        given().when().get("/api/v1/decisions/" + first).then().statusCode(200).body("occurrences", equalTo(3));
    }

    @Test
    void attachedAlertsAddNoRiskOfTheirOwn() {
        String host = "web-81-" + source.substring(6, 14);
        int score = submit("d-1", host, Status.CREATED).getInt("risk.score");
        submit("d-2", host, Status.OK);
        submit("d-3", host, Status.OK);
        EntityHistoryFact history = entityHistory.of("host", host, clock.instant());
        assertThat(history.priorAlerts()).isEqualTo(3); // each alert names the host ...
        assertThat(history.accumulatedRisk()).isEqualTo(score); // ... but only the one decision adds its score
    }

    @Test
    void anotherHostIsAnotherFingerprint() {
        JsonPath first = submit("c-1", "web-79", Status.CREATED);
        given().contentType(ContentType.JSON).body(alert("c-2", "web-80"))
                .when().post("/api/v1/alerts")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("id", not(equalTo(first.getString("id"))));
    }

    private long actionCount() {
        return decisions.getEntityManager().createQuery("select count(a) from StoredAction a", Long.class).getSingleResult();
    }

    /**
     * With dedup on, every new decision claims its fingerprint, and every alert looks up its entities' history: the
     * statements' plans are cached once, not once per alert (a plan cached per run filled Hibernate's cache, issue #9).
     */
    @Test
    void decidingMoreAlertsCachesNoMoreQueryPlans() {
        submit("plans-0", "plans-host-0", Status.CREATED);
        int before = QueryPlans.cached(factory);
        for (int i = 1; i <= 25; i++) {
            submit("plans-" + i, "plans-host-" + i, Status.CREATED);
        }
        assertThat(QueryPlans.cached(factory)).isEqualTo(before);
    }

    private JsonPath submit(String externalId, String host, Status status) {
        return given().contentType(ContentType.JSON).body(alert(externalId, host))
                .when().post("/api/v1/alerts")
                .then().statusCode(status.getStatusCode()).extract().jsonPath();
    }

    private String alert(String externalId, String host) {
        return """
                {"source": "%s", "externalId": "%s", "title": "Malware beacon", "category": "malware", "severity": "high",
                 "occurredAt": "2026-11-28T02:14:00Z", "entities": {"hosts": [{"hostname": "%s"}]}}""".formatted(source, externalId, host);
    }
}
