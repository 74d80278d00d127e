package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;

/** The scheduled sealer seals a backlog in steps, resting between full batches; nothing is left unsealed by it. */
@QuarkusTest
class AuditSealerRestTest {

    /** A deadline the test never reaches: the run's next start, as far as these runs are concerned. */
    private static final long FAR = TimeUnit.MINUTES.toNanos(10);

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditConfig config;

    @Inject
    AuditRepository events;

    @BeforeEach
    void sealWhatOtherTestsLeft() {
        sealer.sealAll();
    }

    @Test
    void restsAfterEachFullBatchInProportionToItsTimeAndSealsTheWholeBacklog() {
        int batch = config.sealBatch();
        List<Long> seqs = AuditTestEvents.append(log, "rest", 2 * batch + 1);
        List<Long> rests = new ArrayList<>();

        int sealed = sealer.sealPaced(System.nanoTime() + FAR, nanos -> rests.add(nanos));

        assertThat(config.sealRest()).isPositive();
        assertThat(sealed).isEqualTo(2 * batch + 1);
        // two full batches, each followed by a rest; none after the last, short one
        assertThat(rests).hasSize(2).allSatisfy(nanos -> assertThat(nanos).isPositive());
        assertThat(unsealed(seqs)).isZero();
    }

    @Test
    void anInterruptedRestEndsTheRunAndTheNextRunSealsTheRest() {
        int batch = config.sealBatch();
        List<Long> seqs = AuditTestEvents.append(log, "rest-stop", batch + 1);

        int sealed = sealer.sealPaced(System.nanoTime() + FAR, nanos -> false);

        assertThat(sealed).isEqualTo(batch);
        assertThat(unsealed(seqs)).isEqualTo(1);
        assertThat(sealer.sealAll()).isEqualTo(1);
        assertThat(unsealed(seqs)).isZero();
    }

    @Test
    void aRunPastItsDeadlineSealsTheBacklogWithoutResting() {
        int batch = config.sealBatch();
        List<Long> seqs = AuditTestEvents.append(log, "rest-late", 2 * batch + 1);
        List<Long> rests = new ArrayList<>();

        // the next run is due now: a backlog the interval cannot hold with rests is sealed at full speed
        int sealed = sealer.sealPaced(System.nanoTime(), nanos -> rests.add(nanos));

        assertThat(sealed).isEqualTo(2 * batch + 1);
        assertThat(rests).isEmpty();
        assertThat(unsealed(seqs)).isZero();
    }

    @Test
    void aScheduledRunMayRestForTheTriggersIntervalWhateverItsNextFireTimeIsTruncatedTo() {
        Instant fired = Instant.parse("2026-12-03T22:00:07Z");
        assertThat(AuditSealer.interval(trigger(fired, fired.plusSeconds(1)))).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(AuditSealer.interval(trigger(null, fired))).isZero();
    }

    private static Trigger trigger(Instant previous, Instant next) {
        return new Trigger() {
            @Override
            public String getId() {
                return "arbiter-audit-seal";
            }

            @Override
            public Instant getNextFireTime() {
                return next;
            }

            @Override
            public Instant getPreviousFireTime() {
                return previous;
            }

            @Override
            public boolean isOverdue() {
                return false;
            }
        };
    }

    private long unsealed(List<Long> seqs) {
        return QuarkusTransaction.requiringNew().call(() -> events.count("seq in ?1 and chainIndex is null", seqs));
    }
}
