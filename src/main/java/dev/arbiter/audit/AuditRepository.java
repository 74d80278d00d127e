package dev.arbiter.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Audit events by sequence. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, Long> {

    public List<AuditEvent> forSubject(String subjectId) {
        return list("subjectId = ?1 order by seq", subjectId);
    }
}
