package dev.arbiter.security;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.arbiter.common.Principal;

/**
 * Separation of duties as a service: features record who did what to which subject (authored a ruleset version,
 * voted on an approval) in the same transaction as the act, and ask before letting a principal act again. Who
 * submitted a decision is the decision's own record ({@link Submitters}). Approvals call {@link #conflicts} before
 * accepting a vote.
 */
@ApplicationScoped
@Transactional
public class SeparationOfDuties {

    /** What a principal can have done to a subject. */
    public enum Duty {
        SUBMITTED, AUTHORED, VOTED
    }

    private final DutyRepository duties;
    private final Submitters submitters;
    private final Clock clock;

    SeparationOfDuties(DutyRepository duties, Submitters submitters, Clock clock) {
        this.duties = duties;
        this.submitters = submitters;
        this.clock = clock;
    }

    /**
     * Records that the principal performed the duty on the subject (idempotent). {@code SUBMITTED} needs no record:
     * {@link #submitted} asks the decision.
     */
    public void record(Principal principal, String subjectId, Duty duty) {
        if (duties.has(principal, subjectId, duty)) {
            return;
        }
        DutyRecord record = new DutyRecord();
        record.subjectId = subjectId;
        record.duty = duty.name();
        record.principalKind = principal.kind();
        record.principalId = principal.id();
        record.recordedAt = clock.instant();
        duties.persist(record);
    }

    /**
     * Whether the principal submitted the decision. Decisions stored before the decision became the record of its
     * submitter also have a {@code SUBMITTED} ledger row; it names the same principal, so the decision answers for them
     * too.
     */
    public boolean submitted(Principal principal, String decisionId) {
        return submitters.submitted(principal, decisionId);
    }

    public boolean authored(Principal principal, String rulesetVersion) {
        return duties.has(principal, rulesetVersion, Duty.AUTHORED);
    }

    public boolean voted(Principal principal, String approvalId) {
        return duties.has(principal, approvalId, Duty.VOTED);
    }

    /**
     * Everything that forbids the principal from voting on an approval of this decision: it submitted the decision,
     * authored the ruleset that decided it, or already voted on the approval. Empty means free to vote.
     */
    public Set<Duty> conflicts(Principal principal, String decisionId, String rulesetVersion, String approvalId) {
        Set<Duty> found = EnumSet.noneOf(Duty.class);
        if (submitted(principal, decisionId)) {
            found.add(Duty.SUBMITTED);
        }
        if (rulesetVersion != null && authored(principal, rulesetVersion)) {
            found.add(Duty.AUTHORED);
        }
        if (approvalId != null && voted(principal, approvalId)) {
            found.add(Duty.VOTED);
        }
        return found;
    }
}
