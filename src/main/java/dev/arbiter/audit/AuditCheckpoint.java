package dev.arbiter.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.arbiter.audit.chain.ChainCheckpoint;

/** A signed checkpoint row. Inserted once, never updated or deleted (the database refuses both). */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    @Id
    @Column(name = "chain_index")
    public Long chainIndex;

    @Column(name = "head_hash", nullable = false, updatable = false)
    public String headHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "key_id", nullable = false, updatable = false)
    public String keyId;

    @Column(nullable = false, updatable = false)
    public String signature;

    public ChainCheckpoint chained() {
        return new ChainCheckpoint(chainIndex, headHash, createdAt.toString(), keyId, signature);
    }
}
