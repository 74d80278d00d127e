package dev.arbiter.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One audit event as the API shows it.
 *
 * @param chainIndex null while not yet sealed
 * @param payload    the canonical JSON payload
 */
public record AuditEventView(long seq, Long chainIndex, Instant occurredAt, Actor principal, String type,
                             String subjectId, @JsonRawValue String payload, String prevHash, String hash) {

    /** Who acted. */
    public record Actor(String kind, String id, String name) {
    }

    /** A page of a search; pass {@code nextCursor} back as {@code cursor}, null on the last page. */
    public record Page(List<AuditEventView> items, String nextCursor) {
    }

    /** A signed checkpoint. */
    public record Checkpoint(long chainIndex, String headHash, Instant createdAt, String keyId, String signature) {
        static Checkpoint of(AuditCheckpoint checkpoint) {
            return new Checkpoint(checkpoint.chainIndex, checkpoint.headHash, checkpoint.createdAt, checkpoint.keyId,
                    checkpoint.signature);
        }
    }

    /** The checkpoint signing key. */
    public record PublicKey(String algorithm, String keyId, String x509, String pem) {
    }

    static AuditEventView of(AuditEvent event) {
        return new AuditEventView(event.seq, event.chainIndex, event.occurredAt,
                new Actor(event.principalKind, event.principalId, event.principalName), event.type, event.subjectId,
                event.payload, event.prevHash, event.hash);
    }
}
