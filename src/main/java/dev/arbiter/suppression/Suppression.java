package dev.arbiter.suppression;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A suppression as stored; a null matcher field matches anything. Revoking sets {@code revokedAt}, never deletes. */
@Entity
@Table(name = "suppression")
class Suppression {

    @Id
    UUID id;

    @Column(name = "match_source")
    String source;

    @Column(name = "match_category")
    String category;

    @Column(name = "match_host")
    String host;

    @Column(name = "match_user")
    String user;

    @Column(name = "title_contains")
    String titleContains;

    @Column(nullable = false)
    String reason;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(name = "revoked_by")
    String revokedBy;

    boolean activeAt(Instant instant) {
        return revokedAt == null && !instant.isBefore(createdAt) && instant.isBefore(expiresAt);
    }
}
