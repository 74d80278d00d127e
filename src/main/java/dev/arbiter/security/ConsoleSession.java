package dev.arbiter.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One console sign-in: who it is, and whether it has been signed out. Its id is a SHA-256 of the cookie's handle. */
@Entity
@Table(name = "console_session")
public class ConsoleSession {

    @Id
    public String id;

    @Column(name = "principal_kind", nullable = false)
    public String principalKind;

    @Column(name = "principal_id", nullable = false)
    public String principalId;

    @Column(name = "principal_name", nullable = false)
    public String principalName;

    /** Comma-separated roles from the identity provider's token; null for a local user, whose roles are read live. */
    public String roles;

    /** The identity provider's end-session endpoint, for signing out there too; null for local users. */
    @Column(name = "end_session_uri")
    public String endSessionUri;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Until when the hand-off from the identity provider's redirect may complete; null once it has (or for local users). */
    @Column(name = "handoff_until")
    public Instant handoffUntil;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
