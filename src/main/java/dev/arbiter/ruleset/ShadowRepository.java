package dev.arbiter.ruleset;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Stored shadow results and their agreement counts. */
@ApplicationScoped
public class ShadowRepository implements PanacheRepositoryBase<ShadowResult, UUID> {

    /** How many results a shadow version has, and how many agree on priority, on actions, on both, or failed. */
    public record Counts(long evaluated, long samePriority, long sameActions, long agreed, long errors) {
    }

    public Counts counts(String shadowVersion) {
        return new Counts(count("shadowVersion", shadowVersion),
                count("shadowVersion = ?1 and samePriority = true", shadowVersion),
                count("shadowVersion = ?1 and sameActions = true", shadowVersion),
                count("shadowVersion = ?1 and samePriority = true and sameActions = true and error is null", shadowVersion),
                count("shadowVersion = ?1 and error is not null", shadowVersion));
    }

    public List<ShadowResult> recentDisagreements(String shadowVersion, int limit) {
        return find("shadowVersion = ?1 and (samePriority = false or sameActions = false or error is not null)",
                Sort.descending("evaluatedAt").and("id"), shadowVersion).page(0, limit).list();
    }
}
