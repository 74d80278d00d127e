package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Many writers and two sealers at once (two replicas, in effect) still make one gap-free chain. */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditSealerConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = 25;

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditRepository events;

    @Test
    void concurrentWritersAndSealersMakeOneGapFreeChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> seqs.addAll(AuditTestEvents.append(log, "concurrent", EVENTS_PER_WRITER))));
            }
            List<Future<?>> sealers = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                sealers.add(pool.submit(() -> {
                    while (writing.get()) {
                        sealer.sealAll();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> s : sealers) {
                s.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        sealer.sealAll();

        assertThat(seqs).hasSize(WRITERS * EVENTS_PER_WRITER).doesNotHaveDuplicates();
        List<AuditEvent> mine = QuarkusTransaction.requiringNew().call(() -> events.list("seq in ?1 order by chainIndex", seqs));
        assertThat(mine).allSatisfy(event -> assertThat(event.chainIndex).isNotNull());
        long from = mine.get(0).chainIndex;
        long to = mine.get(mine.size() - 1).chainIndex;
        List<Long> indexes = QuarkusTransaction.requiringNew().call(() -> events.getEntityManager()
                .createQuery("select chainIndex from AuditEvent where chainIndex between :from and :to order by chainIndex", Long.class)
                .setParameter("from", from).setParameter("to", to).getResultList());
        for (int i = 0; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).isEqualTo(from + i);
        }
        assertThat(indexes).hasSize((int) (to - from + 1));
        given().queryParam("from", from).queryParam("to", to).when().get("/api/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("lastIndex", equalTo((int) to));
    }
}
