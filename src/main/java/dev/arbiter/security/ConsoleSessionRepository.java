package dev.arbiter.security;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Console sessions, looked up by the SHA-256 of the cookie's handle (the primary key). */
@ApplicationScoped
public class ConsoleSessionRepository implements PanacheRepositoryBase<ConsoleSession, String> {

    /** Completes a pending hand-off once: true for the one caller that did. */
    boolean completeHandoff(String id, Instant now) {
        return update("handoffUntil = null where id = ?1 and handoffUntil >= ?2 and revokedAt is null", id, now) == 1;
    }

    boolean revoke(String id, Instant now) {
        return update("revokedAt = ?1 where id = ?2 and revokedAt is null", now, id) == 1;
    }

    /** Removes sessions older than the longest a session may last; they can no longer be used anyway. */
    long purgeCreatedBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
