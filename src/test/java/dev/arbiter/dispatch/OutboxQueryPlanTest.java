package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.Test;

import dev.arbiter.common.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;

/** The dispatch worker claims due rows every few seconds, and without pause under a flood: one plan serves all claims. */
@QuarkusTest
class OutboxQueryPlanTest {

    @Inject
    OutboxRepository rows;

    @Inject
    EntityManagerFactory factory;

    @Inject
    UserTransaction transaction;

    @Test
    void claimingDueRowsReusesItsQueryPlan() throws Exception {
        // the first claims, from the start and after a position, may cache their plans
        claimOnce(Optional.empty());
        claimOnce(Optional.of(new OutboxRepository.Position(Instant.now(), UUID.randomUUID())));
        int before = QueryPlans.cached(factory);
        for (int i = 0; i < 25; i++) {
            claimOnce(Optional.empty());
            claimOnce(Optional.of(new OutboxRepository.Position(Instant.now().minusSeconds(i), UUID.randomUUID())));
        }
        assertThat(QueryPlans.cached(factory)).isEqualTo(before);
    }

    /** Locks what is due, then rolls back: the other tests' deliveries stay as they were. */
    private void claimOnce(Optional<OutboxRepository.Position> after) throws Exception {
        transaction.begin();
        try {
            rows.lockDue(Instant.now(), 20, after);
        } finally {
            transaction.rollback();
        }
    }
}
