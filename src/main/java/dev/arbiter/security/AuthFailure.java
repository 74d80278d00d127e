package dev.arbiter.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Failed attempts for one user or key inside the current window, and the lock they caused. */
@Entity
@Table(name = "auth_failure")
public class AuthFailure {

    @Id
    public String subject;

    @Column(nullable = false)
    public int failures;

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "locked_until")
    public Instant lockedUntil;
}
