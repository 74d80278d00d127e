package dev.arbiter.ruleset;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Stored ruleset versions and the slots. */
@ApplicationScoped
public class RulesetRepository implements PanacheRepositoryBase<RulesetVersion, String> {

    public List<RulesetVersion> newestFirst(int limit) {
        return findAll(Sort.descending("createdAt").and("version")).page(0, limit).list();
    }

    /** The slot row, locked until the transaction ends, so activations and shadow changes happen one at a time. */
    public RulesetSlot lockSlot(String slot) {
        return getEntityManager().find(RulesetSlot.class, slot, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<String> slotVersion(String slot) {
        RulesetSlot row = getEntityManager().find(RulesetSlot.class, slot);
        return Optional.ofNullable(row != null ? row.version : null);
    }
}
