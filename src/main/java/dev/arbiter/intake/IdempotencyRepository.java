package dev.arbiter.intake;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Idempotency-Key records. */
@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, String> {

    /** Takes over an abandoned in-flight key; true only for the one caller that wins. */
    boolean takeOver(String key, Instant seenCreatedAt, Instant now) {
        return update("createdAt = ?1 where key = ?2 and state = ?3 and createdAt = ?4",
                now, key, IdempotencyRecord.IN_FLIGHT, seenCreatedAt) == 1;
    }
}
