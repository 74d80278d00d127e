package dev.arbiter.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.common.Principal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Retention: archives the sealed events older than {@code arbiter.audit.retention} to a JSON Lines file (the
 * offline verifier's format), makes sure a signed checkpoint sits exactly at the boundary, then deletes them — the
 * only deletion the database guard permits, through a permit row that never outlives the transaction — and appends
 * {@code audit.purged}. The retained log verifies from that checkpoint on. Events are purged as a prefix of the
 * chain: an old event after a newer one waits until the newer one is old too.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    /** What one run did. {@code throughIndex} null: nothing was old enough. */
    public record Purge(Long fromIndex, Long throughIndex, long events, String archive, String archiveSha256) {
    }

    private final AuditConfig config;
    private final AuditRepository events;
    private final AuditService service;
    private final AuditSealer sealer;
    private final AuditLog log;
    private final EntityManager em;
    private final Clock clock;

    AuditRetention(AuditConfig config, AuditRepository events, AuditService service, AuditSealer sealer, AuditLog log,
                   EntityManager em, Clock clock) {
        this.config = config;
        this.events = events;
        this.service = service;
        this.sealer = sealer;
        this.log = log;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(identity = "arbiter-audit-retention", every = "${arbiter.audit.retention-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        config.retention().ifPresent(retention -> {
            try {
                purgeOlderThan(clock.instant().minus(retention));
            } catch (RuntimeException e) {
                LOG.error("Audit retention failed; nothing was deleted", e);
            }
        });
    }

    /** Archives and deletes the sealed prefix of the chain whose events all occurred before {@code cutoff}. */
    public Purge purgeOlderThan(Instant cutoff) {
        sealer.sealAll();
        Optional<Long> first = QuarkusTransaction.requiringNew().call(events::firstIndex);
        if (first.isEmpty()) {
            return new Purge(null, null, 0, null, null);
        }
        long through = QuarkusTransaction.requiringNew().call(() -> events.firstIndexAtOrAfter(cutoff)
                .map(young -> young - 1)
                .orElseGet(() -> em.find(ChainHead.class, ChainHead.ID).chainIndex));
        if (through < first.get()) {
            return new Purge(first.get(), null, 0, null, null);
        }
        VerifyResult verified = service.verify(null, through);
        if (!verified.ok()) {
            throw new IllegalStateException("The audit chain does not verify (" + verified.reason() + " at index "
                    + verified.brokenIndex() + "); retention deletes nothing until it does");
        }
        String boundaryHash = QuarkusTransaction.requiringNew().call(() -> events.find("chainIndex", through)
                .firstResult().hash);
        QuarkusTransaction.requiringNew().run(() -> {
            sealer.lockHead();
            sealer.checkpointAt(through, boundaryHash);
        });
        Path archive = Path.of(config.archiveDir(), "audit-" + first.get() + "-" + through + ".jsonl");
        String sha256 = writeArchive(archive, first.get(), through);
        long deleted = QuarkusTransaction.requiringNew().call(() -> {
            sealer.lockHead();
            em.createNativeQuery("insert into audit_purge_permit (through_index) values (?1)")
                    .setParameter(1, through).executeUpdate();
            long count = em.createNativeQuery("delete from audit_event where chain_index <= ?1")
                    .setParameter(1, through).executeUpdate();
            em.createNativeQuery("delete from audit_purge_permit").executeUpdate();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("fromIndex", first.get());
            payload.put("throughIndex", through);
            payload.put("events", count);
            payload.put("cutoff", cutoff.toString());
            payload.put("archive", archive.getFileName().toString());
            payload.put("archiveSha256", sha256);
            log.append(Principal.SYSTEM, AuditLog.AUDIT_PURGED, "audit-log", payload);
            return count;
        });
        LOG.infof("Audit retention archived events %d..%d to %s and deleted %d", first.get(), through, archive, deleted);
        return new Purge(first.get(), through, deleted, archive.toString(), sha256);
    }

    private String writeArchive(Path archive, long first, long through) {
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
                service.export(new AuditFilter(null, null, null, null, null, null, null, null, null, first, through),
                        "jsonl", out);
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit archive " + archive, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
