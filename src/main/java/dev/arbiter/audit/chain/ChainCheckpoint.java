package dev.arbiter.audit.chain;

/**
 * A signed statement: the chain's head at {@code chainIndex} is {@code headHash}.
 *
 * @param createdAt RFC 3339 time as {@link java.time.Instant#toString()} writes it
 * @param keyId     hex SHA-256 of the signing key's X.509 encoding
 * @param signature base64 Ed25519 signature over {@link ChainCodec#checkpointBytes}
 */
public record ChainCheckpoint(long chainIndex, String headHash, String createdAt, String keyId, String signature) {
}
