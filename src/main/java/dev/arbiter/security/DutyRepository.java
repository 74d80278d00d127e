package dev.arbiter.security;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Principal;
import dev.arbiter.security.SeparationOfDuties.Duty;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The separation-of-duties ledger. */
@ApplicationScoped
public class DutyRepository implements PanacheRepositoryBase<DutyRecord, DutyRecord.Key> {

    boolean has(Principal principal, String subjectId, Duty duty) {
        return count("subjectId = ?1 and duty = ?2 and principalKind = ?3 and principalId = ?4",
                subjectId, duty.name(), principal.kind(), principal.id()) > 0;
    }
}
