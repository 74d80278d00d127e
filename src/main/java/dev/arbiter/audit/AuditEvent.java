package dev.arbiter.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import dev.arbiter.audit.chain.ChainEvent;

/**
 * One state change: when, who, what kind, about which subject, with a canonical JSON payload. Never updated, except
 * that the sealer sets the seal columns (chain index, previous hash, hash) once; the database enforces both.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** Drawn in blocks (migration V16), so the events of a transaction are inserted in one batch at flush. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    public Long seq;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "principal_kind", nullable = false, updatable = false)
    public String principalKind;

    @Column(name = "principal_id", nullable = false, updatable = false)
    public String principalId;

    @Column(name = "principal_name", nullable = false, updatable = false)
    public String principalName;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "subject_id", nullable = false, updatable = false)
    public String subjectId;

    /** RFC 8785 canonical JSON. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String payload;

    /** Search columns copied from the payload when appended; not covered by the hash (the payload is). */
    @Column(name = "decision_id", updatable = false)
    public String decisionId;

    @Column(updatable = false)
    public String priority;

    @Column(name = "action_type", updatable = false)
    public String actionType;

    @Column(name = "ruleset_version", updatable = false)
    public String rulesetVersion;

    /** Seal: null until the sealer reaches the event. */
    @Column(name = "chain_index")
    public Long chainIndex;

    @Column(name = "prev_hash")
    public String prevHash;

    @Column(name = "hash")
    public String hash;

    public ChainEvent chained() {
        return new ChainEvent(chainIndex, seq, occurredAt.toString(), principalKind, principalId, principalName, type,
                subjectId, payload, prevHash, hash);
    }
}
