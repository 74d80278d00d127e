package dev.arbiter.suppression;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored suppressions. */
@ApplicationScoped
class SuppressionRepository implements PanacheRepositoryBase<Suppression, UUID> {

    /** Neither revoked nor expired at the instant, including any created later, oldest first. */
    List<Suppression> unendedAt(Instant instant) {
        return list("revokedAt is null and expiresAt > ?1 order by createdAt, id", instant);
    }

    List<Suppression> newest(boolean activeOnly, Instant now, int limit) {
        return activeOnly
                ? find("revokedAt is null and createdAt <= ?1 and expiresAt > ?1 order by createdAt desc, id desc", now).page(0, limit).list()
                : find("order by createdAt desc, id desc").page(0, limit).list();
    }
}
