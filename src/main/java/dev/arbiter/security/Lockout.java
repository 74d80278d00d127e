package dev.arbiter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Slows brute force: after {@code max-failures} failed attempts for one user or key within the window, that subject
 * is locked for the window, even with correct credentials. Each lock is an audit event. State is in the database,
 * so every replica sees the same count.
 */
@ApplicationScoped
public class Lockout {

    private final AuthFailureRepository failures;
    private final Clock clock;
    private final AuditLog audit;
    private final int maxFailures;
    private final Duration window;

    Lockout(AuthFailureRepository failures, Clock clock, AuditLog audit, SecurityConfig config) {
        this.failures = failures;
        this.clock = clock;
        this.audit = audit;
        this.maxFailures = config.lockout().maxFailures();
        this.window = Duration.ofSeconds(config.lockout().windowSeconds());
    }

    /** Whether the subject is locked now. */
    public boolean isLocked(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> isLockedInTransaction(subject));
    }

    /** {@link #isLocked}, inside the caller's transaction. */
    boolean isLockedInTransaction(String subject) {
        Instant now = clock.instant();
        AuthFailure failure = failures.findById(subject);
        return failure != null && failure.lockedUntil != null && failure.lockedUntil.isAfter(now);
    }

    /** Counts a failure; the one that reaches the limit locks the subject and is audited. */
    public void recordFailure(String subject) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> count(subject));
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    throw e;
                }
                // a concurrent failure inserted the row first; count again
            }
        }
    }

    private void count(String subject) {
        Instant now = clock.instant();
        AuthFailure failure = failures.findById(subject, LockModeType.PESSIMISTIC_WRITE);
        if (failure == null) {
            failure = new AuthFailure();
            failure.subject = subject;
            failure.failures = 0;
            failure.windowStart = now;
            failures.persist(failure);
        }
        if (failure.windowStart.plus(window).isBefore(now)) {
            failure.failures = 0;
            failure.windowStart = now;
        }
        failure.failures++;
        if (failure.failures >= maxFailures && (failure.lockedUntil == null || !failure.lockedUntil.isAfter(now))) {
            failure.lockedUntil = now.plus(window);
            audit.append(Principal.SYSTEM, "auth.locked", subject, Map.of(
                    "subject", subject, "failures", failure.failures, "lockedUntil", failure.lockedUntil.toString()));
        }
        failures.flush();
    }

    /** Forgets the failures of a subject that just authenticated. */
    public void clear(String subject) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() ->
                failures.delete("subject = ?1 and (lockedUntil is null or lockedUntil < ?2)", subject, now));
    }
}
