package dev.arbiter.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * A run of the dispatch worker claims batch after batch, each going on after the last row the one before looked at
 * ({@link DispatchWorker#runWhileFull}); a claim after a position leaves the rows up to it for a claim from the start.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST})
class OutboxPositionTest {

    @Inject
    OutboxRepository rows;

    @Inject
    UserTransaction transaction;

    @Inject
    TestClock clock;

    @Test
    void aClaimAfterAPositionTakesOnlyTheDueRowsPastIt() throws Exception {
        clock.reset();
        String decisionId = given().contentType(ContentType.JSON)
                .body(Fixtures.alert("minimal.json", "position-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath().getString("id");
        OutboxRow row = QuarkusTransaction.requiringNew().call(() ->
                rows.find("decisionId", UUID.fromString(decisionId)).firstResult());
        assertThat(row).as("the alert's action is queued").isNotNull();
        Instant now = clock.instant();
        assertThat(row.dueAt).isEqualTo(now);

        assertThat(lockDue(now, Optional.empty())).contains(row.id);
        assertThat(lockDue(now, after(now.minusSeconds(1), row.id))).contains(row.id);
        // the row itself is the position: the claim starts after it
        assertThat(lockDue(now, after(now, row.id))).doesNotContain(row.id);
        assertThat(lockDue(now, after(now.plusSeconds(1), row.id))).isEmpty();
    }

    @Test
    void aRunStartsOverFromTheOldestDueRowAfterAFixedNumberOfBatches() {
        Optional<OutboxRepository.Position> last = after(Instant.EPOCH, new UUID(0, 1));
        Outbox.Batch batch = new Outbox.Batch(20, List.of(), last);
        assertThat(DispatchWorker.nextStart(1, batch)).isEqualTo(last);
        assertThat(DispatchWorker.nextStart(DispatchWorker.BATCHES_BEFORE_STARTING_OVER - 1, batch)).isEqualTo(last);
        assertThat(DispatchWorker.nextStart(DispatchWorker.BATCHES_BEFORE_STARTING_OVER, batch)).isEmpty();
        assertThat(DispatchWorker.nextStart(DispatchWorker.BATCHES_BEFORE_STARTING_OVER + 1, batch)).isEqualTo(last);
        assertThat(DispatchWorker.nextStart(2 * DispatchWorker.BATCHES_BEFORE_STARTING_OVER, batch)).isEmpty();
    }

    private static Optional<OutboxRepository.Position> after(Instant dueAt, UUID id) {
        return Optional.of(new OutboxRepository.Position(dueAt, id));
    }

    /** The ids a claim would lock, in a transaction rolled back: the rows stay as they were. */
    private List<UUID> lockDue(Instant now, Optional<OutboxRepository.Position> after) throws Exception {
        transaction.begin();
        try {
            return rows.lockDue(now, 1000, after).ids();
        } finally {
            transaction.rollback();
        }
    }
}
