package dev.arbiter.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import dev.arbiter.audit.chain.ChainCodec;
import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.common.CountGauge;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Trigger;

/**
 * Seals committed events into the hash chain and writes signed checkpoints. Runs on every replica; the lock on the
 * single {@code audit_chain_head} row ({@code SELECT … FOR UPDATE}, on PostgreSQL and H2 alike) makes them take
 * turns, so there is one chain.
 *
 * <p>It takes unsealed events ({@code chain_index is null}) in sequence order. Sequence numbers are handed out when
 * an event is appended but become visible at commit, so a later-committing transaction can hold a lower number: such
 * an event is never skipped (it is still unsealed and is sealed by the next run, after the ones already sealed), and
 * to keep chain order close to sequence order the sealer stops at a gap above the sealed sequence until the gap has
 * been seen for {@code seal-gap-grace} (after which it is taken as a rolled-back transaction). Numbers are drawn in
 * blocks of 50 per replica (migration V16), so gaps also come from the unused rest of a block when a replica stops,
 * and, with several replicas, from another replica's block not used up yet: each such gap delays sealing by at most
 * the grace, and loses nothing.
 *
 * <p>{@code /q/metrics} counts the events this replica sealed and shows the events not sealed yet, across replicas
 * (the sealer's backlog); it is created at start-up so that both are there before the first run.
 */
@ApplicationScoped
@Startup
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);

    private final EntityManager em;
    private final AuditConfig config;
    private final AuditKeys keys;
    private final Clock clock;
    /** Gap start (the missing sequence number) → when this replica first saw it (nanoTime). */
    private final Map<Long, Long> gapsSeen = new ConcurrentHashMap<>();
    private final AtomicLong sealedEvents = new AtomicLong();

    AuditSealer(EntityManager em, AuditConfig config, AuditKeys keys, Clock clock, MeterRegistry registry,
                DataSource database) {
        this.em = em;
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        FunctionCounter.builder("arbiter.audit.sealed", sealedEvents, AtomicLong::get)
                .description("Audit events this replica sealed into the hash chain")
                .register(registry);
        CountGauge.register(registry, database, "arbiter.audit.unsealed",
                "Audit events committed and not sealed yet (all replicas)",
                "select count(*) from audit_event where chain_index is null");
    }

    @Scheduled(identity = "arbiter-audit-seal", every = "${arbiter.audit.seal-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled(ScheduledExecution execution) {
        long start = System.nanoTime();
        try {
            sealPaced(start + interval(execution.getTrigger()), AuditSealer::rest);
        } catch (RuntimeException e) {
            LOG.warn("Sealing the audit log failed; the next run retries", e);
        }
    }

    /**
     * The trigger's interval in nanoseconds, 0 before its first run. Not the time left until its next fire time: the
     * scheduler truncates fire times to the second and starts a run up to a second after one, so that time left
     * would be anything from 0 to the interval.
     */
    static long interval(Trigger trigger) {
        Instant previous = trigger.getPreviousFireTime();
        Instant next = trigger.getNextFireTime();
        return previous == null || next == null ? 0 : Math.max(0, Duration.between(previous, next).toNanos());
    }

    /** Seals everything committed and sealable now, batch after batch; returns how many events were sealed. */
    public int sealAll() {
        return sealPaced(Long.MIN_VALUE, null);
    }

    /**
     * {@link #sealAll()}, resting {@code seal-rest} times as long as each full batch took before the next, as long as
     * the rest ends before {@code deadline} ({@link System#nanoTime()}; the scheduled run passes its start plus its
     * interval). So a run spreads its batches over its interval beside the decisions being stored, rather than
     * sealing them in one burst that holds those up (issue #9); a backlog larger than a run can seal with rests within
     * its interval is sealed without them, so resting never makes the sealer fall behind. {@code rest} returns false
     * when the run should stop (interrupted); null: no rests.
     */
    int sealPaced(long deadline, Rest rest) {
        int total = 0;
        int sealed;
        do {
            long start = System.nanoTime();
            sealed = sealBatch();
            total += sealed;
            sealedEvents.addAndGet(sealed);
            long pause = (long) ((System.nanoTime() - start) * config.sealRest());
            if (sealed == config.sealBatch() && rest != null && pause > 0 && System.nanoTime() + pause - deadline < 0
                    && !rest.rest(pause)) {
                break;
            }
        } while (sealed == config.sealBatch());
        return total;
    }

    /** A pause of some nanoseconds between two batches; false when the sealer should stop. */
    @FunctionalInterface
    interface Rest {
        boolean rest(long nanos);
    }

    private static boolean rest(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One transaction: the next batch of unsealed events, and a checkpoint when one is due. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sealBatch() {
        ChainHead head = lockHead();
        // read-only: the seals are written by one statement below, not by an update per event
        List<AuditEvent> batch = em.createQuery("from AuditEvent where chainIndex is null order by seq", AuditEvent.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setMaxResults(config.sealBatch()).getResultList();
        ChainCodec codec = new ChainCodec();
        List<AuditEvent> sealedEvents = new ArrayList<>();
        for (AuditEvent event : batch) {
            if (event.seq > head.sealedSeq + 1 && !gapMayBePassed(head.sealedSeq + 1)) {
                break;
            }
            long index = head.chainIndex + 1;
            event.chainIndex = index;
            event.prevHash = head.hash;
            event.hash = codec.hash(head.hash, event.chained(), index);
            head.chainIndex = index;
            head.hash = event.hash;
            head.sealedSeq = Math.max(head.sealedSeq, event.seq);
            sealedEvents.add(event);
        }
        writeSeals(sealedEvents);
        em.flush();
        int sealed = sealedEvents.size();
        if (sealed > 0) {
            Optional<AuditCheckpoint> last = lastCheckpoint();
            boolean due = last.isEmpty()
                    || head.chainIndex - last.get().chainIndex >= config.checkpointEvents()
                    || !clock.instant().isBefore(last.get().createdAt.plus(config.checkpointInterval()));
            if (due) {
                write(head.chainIndex, head.hash);
            }
        }
        return sealed;
    }

    /**
     * The seal columns of a batch in one statement: as an update per event, sealing cost PostgreSQL about three
     * statements per alert (issue #9). MERGE over the unnested arrays reads the same on PostgreSQL (15+) and H2.
     */
    private void writeSeals(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        Long[] seqs = new Long[n];
        Long[] indexes = new Long[n];
        String[] prevHashes = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEvent event = events.get(i);
            seqs[i] = event.seq;
            indexes[i] = event.chainIndex;
            prevHashes[i] = event.prevHash;
            hashes[i] = event.hash;
        }
        int updated = em.createNativeQuery(SEAL).setParameter(1, seqs).setParameter(2, indexes)
                .setParameter(3, prevHashes).setParameter(4, hashes).executeUpdate();
        if (updated != n) {
            throw new IllegalStateException("Sealing wrote " + updated + " of " + n + " audit events");
        }
    }

    private static final String SEAL = """
            merge into audit_event e
            using (select * from unnest(cast(?1 as bigint array), cast(?2 as bigint array),
                                        cast(?3 as varchar(64) array), cast(?4 as varchar(64) array)) as s(seq, chain_index, prev_hash, hash)) s
            on e.seq = s.seq
            when matched then update set chain_index = s.chain_index, prev_hash = s.prev_hash, hash = s.hash""";

    /** Seals what is sealable and signs a checkpoint at the head if the head has none yet; returns the head's. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AuditCheckpoint> checkpointNow() {
        ChainHead head = lockHead();
        if (head.chainIndex == 0) {
            return Optional.empty();
        }
        AuditCheckpoint existing = em.find(AuditCheckpoint.class, head.chainIndex);
        return Optional.of(existing != null ? existing : write(head.chainIndex, head.hash));
    }

    /** Signs a checkpoint for an index whose hash the caller has just recomputed (retention's boundary). */
    @Transactional(Transactional.TxType.MANDATORY)
    AuditCheckpoint checkpointAt(long chainIndex, String verifiedHash) {
        AuditCheckpoint existing = em.find(AuditCheckpoint.class, chainIndex);
        return existing != null ? existing : write(chainIndex, verifiedHash);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    ChainHead lockHead() {
        ChainHead head = em.find(ChainHead.class, ChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_chain_head has no row; the V8 migration creates it");
        }
        return head;
    }

    private Optional<AuditCheckpoint> lastCheckpoint() {
        return em.createQuery("from AuditCheckpoint order by chainIndex desc", AuditCheckpoint.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    private AuditCheckpoint write(long chainIndex, String headHash) {
        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.chainIndex = chainIndex;
        checkpoint.headHash = headHash;
        checkpoint.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkpoint.keyId = keys.keyId();
        checkpoint.signature = ChainKeys.sign(keys.privateKey(),
                ChainCodec.checkpointBytes(chainIndex, headHash, checkpoint.createdAt.toString(), checkpoint.keyId));
        em.persist(checkpoint);
        return checkpoint;
    }

    private boolean gapMayBePassed(long missingSeq) {
        long grace = config.sealGapGrace().toNanos();
        if (grace <= 0) {
            return true;
        }
        long now = System.nanoTime();
        long firstSeen = gapsSeen.computeIfAbsent(missingSeq, seq -> now);
        if (gapsSeen.size() > 1000) {
            gapsSeen.keySet().removeIf(seq -> seq < missingSeq);
        }
        return now - firstSeen >= grace;
    }
}
