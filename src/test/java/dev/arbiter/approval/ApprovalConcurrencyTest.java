package dev.arbiter.approval;

import static dev.arbiter.approval.ApprovalFixtures.approval;
import static dev.arbiter.approval.ApprovalFixtures.approvalOf;
import static dev.arbiter.approval.ApprovalFixtures.auditTypes;
import static dev.arbiter.approval.ApprovalFixtures.submitBeacon;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Votes arriving at once on one request: the row lock on the request serialises them, so exactly one terminal state is
 * reached, by exactly the votes that were accepted, and the action is readied at most once. Runs on PostgreSQL too
 * ({@code mvn test -Ppostgres}).
 */
@QuarkusTest
class ApprovalConcurrencyTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    private static final int VOTERS = 100;

    @Inject
    TestClock clock;

    @Inject
    RecordedEvents events;

    @Inject
    AuditRepository audit;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aHundredSimultaneousVotesEndInExactlyOneTerminalState() throws Exception {
        JsonPath decision = submitBeacon(clock, "fin-db-01");
        UUID decisionId = UUID.fromString(decision.getString("id"));
        UUID actionId = UUID.fromString(decision.getString("actions.find { it.type == 'isolate-host' }.id"));
        String approvalId = approvalOf(decision, "isolate-host"); // two approvers

        List<Integer> statuses = race(approvalId, voter -> voter % 4 == 3
                ? Map.of("reason", "racer " + voter + " says no")
                : Map.of("comment", "racer " + voter + " says yes"), voter -> "racer-" + voter);

        long accepted = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).as("every vote is either accepted or refused as too late").containsOnly(200, 409);
        JsonPath result = approval(approvalId);
        String status = result.getString("status");
        List<String> verdicts = result.getList("votes.verdict");
        assertThat(status).isIn("approved", "rejected");
        assertThat(verdicts).hasSize((int) accepted);
        if (status.equals("approved")) {
            assertThat(verdicts).containsExactly("approve", "approve");
            assertThat(result.getInt("approvals")).isEqualTo(2);
        } else {
            assertThat(verdicts).containsOnlyOnce("reject").last().isEqualTo("reject");
            assertThat(result.getInt("approvals")).isLessThan(2).isEqualTo(verdicts.size() - 1);
        }
        List<String> audited = auditTypes(audit, approvalId);
        assertThat(audited.stream().filter(t -> t.equals("approval.voted")).count()).isEqualTo(accepted);
        assertThat(audited.stream().filter(t -> t.equals("approval.approved") || t.equals("approval.rejected")).toList())
                .containsExactly("approval." + status);
        assertThat(events.readyActions(decisionId).stream().filter(actionId::equals).count())
                .isEqualTo(status.equals("approved") ? 1 : 0);
        assertThat(events.changes(decisionId, approvalId)).extracting(DecisionChanged::change).containsExactly(status);
    }

    @Test
    void oneApproverVotingManyTimesAtOnceCountsOnce() throws Exception {
        String approvalId = approvalOf(submitBeacon(clock, "fin-db-01"), "isolate-host"); // two approvers

        List<Integer> statuses = race(approvalId, voter -> Map.of("comment", "again"), voter -> "impatient-approver");

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(200, 409);
        JsonPath result = approval(approvalId);
        assertThat(result.getString("status")).isEqualTo("pending");
        assertThat(result.getInt("approvals")).isEqualTo(1);
        assertThat(result.getList("votes")).hasSize(1);
    }

    /** {@value #VOTERS} votes sent at once, voter {@code n} as {@code subject(n)}; a body with a reason rejects. */
    private static List<Integer> race(String approvalId, java.util.function.IntFunction<Map<String, String>> body,
                                      java.util.function.IntFunction<String> subject) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int voter = 0; voter < VOTERS; voter++) {
            tokens.add(Tokens.withRoles(subject.apply(voter), Roles.APPROVER));
        }
        ExecutorService pool = Executors.newFixedThreadPool(VOTERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int voter = 0; voter < VOTERS; voter++) {
                Map<String, String> vote = body.apply(voter);
                String token = tokens.get(voter);
                String path = "/api/v1/approvals/" + approvalId + (vote.containsKey("reason") ? "/reject" : "/approve");
                results.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).body(vote)
                            .when().post(path).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            for (Future<Integer> result : results) {
                statuses.add(result.get(2, TimeUnit.MINUTES));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
