package dev.arbiter.audit.chain;

/**
 * One audit event as the chain sees it: exactly the fields the hash covers, plus the seal.
 *
 * @param chainIndex    position in the chain, from 1; null while unsealed
 * @param seq           the database sequence number (insertion order)
 * @param occurredAt    RFC 3339 time as {@link java.time.Instant#toString()} writes it
 * @param payload       the payload as RFC 8785 canonical JSON text
 * @param prevHash      hex SHA-256 of the previous event (64 zeros before the first); null while unsealed
 * @param hash          hex SHA-256 of {@code prevHash ‖ canonical event}; null while unsealed
 */
public record ChainEvent(Long chainIndex, long seq, String occurredAt, String principalKind, String principalId,
                         String principalName, String type, String subjectId, String payload, String prevHash,
                         String hash) {

    public boolean sealed() {
        return chainIndex != null;
    }
}
