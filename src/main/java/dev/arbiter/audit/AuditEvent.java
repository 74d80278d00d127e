package dev.arbiter.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One state change: when, who, what kind, about which subject, with a JSON payload. Never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "principal_kind", nullable = false)
    public String principalKind;

    @Column(name = "principal_id", nullable = false)
    public String principalId;

    @Column(name = "principal_name", nullable = false)
    public String principalName;

    @Column(nullable = false)
    public String type;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;
}
