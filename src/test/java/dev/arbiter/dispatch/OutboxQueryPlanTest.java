package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

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
        claimOnce(); // the first claim may cache its plan
        int before = QueryPlans.cached(factory);
        for (int i = 0; i < 25; i++) {
            claimOnce();
        }
        assertThat(QueryPlans.cached(factory)).isEqualTo(before);
    }

    /** Locks what is due, then rolls back: the other tests' deliveries stay as they were. */
    private void claimOnce() throws Exception {
        transaction.begin();
        try {
            rows.lockDue(Instant.now(), 20);
        } finally {
            transaction.rollback();
        }
    }
}
