package dev.arbiter.context.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account as stored; {@code accountKey} is the lower-case name alerts are matched on. */
@Entity
@Table(name = "inventory_identity")
class Identity {

    @Id
    String id;

    @Column(name = "account_name", nullable = false)
    String accountName;

    @Column(name = "account_key", nullable = false)
    String accountKey;

    @Column(nullable = false)
    boolean privileged;

    @Column(name = "service_account", nullable = false)
    boolean serviceAccount;

    @Column(nullable = false)
    boolean vip;

    String department;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
