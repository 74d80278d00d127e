package dev.arbiter.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Causes;
import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import dev.arbiter.decision.ActionGate;
import dev.arbiter.decision.ActionReady;
import dev.arbiter.decision.DecisionChanged;
import dev.arbiter.decision.DecisionRepository;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.DecisionView;
import dev.arbiter.decision.StoredAction;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.engine.ApprovalRequirement;
import dev.arbiter.engine.ProposedAction;
import dev.arbiter.ruleset.ActiveRuleset;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.SeparationOfDuties;
import dev.arbiter.security.SeparationOfDuties.Duty;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Approval requests from opening to their end. Opens one per gated action in the deciding transaction
 * ({@link ActionGate}); takes votes under a row lock on the request, enforcing four-eyes through
 * {@link SeparationOfDuties} and the digest votes are bound to; approves at the policy's quorum (firing
 * {@link ActionReady}), rejects at the first rejection, expires at the deadline — never approving by default — after
 * at most one escalation; voids a request whose action changed and opens its successor. Every transition changes the
 * action's status, fires {@link DecisionChanged} where the requester cares, and appends an audit event, all in the
 * transaction of the change.
 */
@ApplicationScoped
public class ApprovalService implements ActionGate {

    static final String REQUESTED = "approval.requested";
    static final String VOTED = "approval.voted";
    static final String APPROVED = "approval.approved";
    static final String REJECTED = "approval.rejected";
    static final String EXPIRED = "approval.expired";
    static final String ESCALATED = "approval.escalated";
    static final String VOIDED = "approval.voided";
    /** Votes that found the request locked longer than the database waits are retried this often. */
    private static final int VOTE_ATTEMPTS = 20;
    private static final int SWEEP_BATCH = 100;
    private static final Logger LOG = Logger.getLogger(ApprovalService.class);

    private final ApprovalRepository requests;
    private final VoteRepository votes;
    private final DecisionRepository decisions;
    private final DecisionService decisionViews;
    private final Safeguards safeguards;
    private final SeparationOfDuties duties;
    private final ActiveRuleset rulesets;
    private final AuditLog audit;
    private final Clock clock;
    private final ApprovalConfig config;
    private final Event<ActionReady> actionReady;
    private final Event<DecisionChanged> decisionChanged;

    private final ApproverGroups approverGroups;
    private final CurrentPrincipal current;

    ApprovalService(ApprovalRepository requests, VoteRepository votes, DecisionRepository decisions,
                    DecisionService decisionViews, Safeguards safeguards, SeparationOfDuties duties, ActiveRuleset rulesets,
                    AuditLog audit, Clock clock, ApprovalConfig config, Event<ActionReady> actionReady,
                    Event<DecisionChanged> decisionChanged, ApproverGroups approverGroups, CurrentPrincipal current) {
        this.approverGroups = approverGroups;
        this.current = current;
        this.requests = requests;
        this.votes = votes;
        this.decisions = decisions;
        this.decisionViews = decisionViews;
        this.safeguards = safeguards;
        this.duties = duties;
        this.rulesets = rulesets;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.actionReady = actionReady;
        this.decisionChanged = decisionChanged;
    }

    // --- gating, in the deciding transaction -------------------------------------------------------------------

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Opening apply(StoredDecision decision, StoredAction action, ProposedAction proposed, Principal principal) {
        Optional<Waiting> waiting = gate(decision.id, action, proposed, decision.rulesetVersion, principal);
        return waiting.isEmpty() ? Opening.NONE : () -> open(waiting.get(), principal);
    }

    @Override
    @Transactional
    public Preview preview(ProposedAction proposed, Instant now) {
        Safeguards.Gate gate = safeguards.gate(proposed, null, null, now, Principal.SYSTEM, false);
        return new Preview(gate.gate(), gate.automatic() ? StoredAction.QUEUED : StoredAction.PENDING_APPROVAL, gate.notes());
    }

    /** An action held back: the request it waits for, not yet written, and why it is held (the gate's notes). */
    private record Waiting(ApprovalRequest request, List<String> notes) {
    }

    /**
     * Gives the action its gate, status and notes; when it must wait, the request it waits for (not yet written: see
     * {@link #open}), whose id the action already names.
     */
    private Optional<Waiting> gate(UUID decisionId, StoredAction action, ProposedAction proposed, String rulesetVersion,
                                   Principal principal) {
        Instant now = clock.instant();
        Safeguards.Gate gate = safeguards.gate(proposed, decisionId.toString(), action.id.toString(), now, principal, true);
        action.gate = gate.gate();
        action.notes = gate.notes();
        if (gate.automatic()) {
            action.status = StoredAction.QUEUED;
            action.approvalId = null;
            return Optional.empty();
        }
        ApprovalRequest request = new ApprovalRequest();
        request.id = Ids.next();
        request.decisionId = decisionId;
        request.actionId = action.id;
        request.status = ApprovalRequest.PENDING;
        request.actionType = proposed.type();
        request.target = proposed.target();
        request.gate = gate.gate();
        request.requiredApprovals = ApprovalRequirement.approvalsNeeded(gate.gate());
        request.policyRule = proposed.approval().policyRule();
        request.approverGroup = gate.group();
        request.digest = ActionDigest.of(proposed.type(), proposed.target(), Map.of(), rulesetVersion);
        request.rulesetVersion = rulesetVersion;
        request.createdAt = now;
        request.deadline = now.plus(gate.expiry());
        action.status = StoredAction.PENDING_APPROVAL;
        action.approvalId = request.id;
        return Optional.of(new Waiting(request, gate.notes()));
    }

    /** Writes a request made by {@link #gate}, after the action it refers to, and records that it was opened. */
    private void open(Waiting waiting, Principal principal) {
        ApprovalRequest request = waiting.request();
        requests.persist(request);
        Map<String, Object> payload = facts(request);
        payload.put("gate", request.gate);
        payload.put("requiredApprovals", request.requiredApprovals);
        payload.put("approverGroup", request.approverGroup);
        payload.put("policyRule", request.policyRule);
        payload.put("deadline", request.deadline.toString());
        payload.put("digest", request.digest);
        if (!waiting.notes().isEmpty()) {
            payload.put("notes", waiting.notes());
        }
        audit.append(principal, REQUESTED, request.id.toString(), payload);
    }

    // --- votes ---------------------------------------------------------------------------------------------------

    /** Approves, as {@code principal}; the comment is optional. {@code digest}, when given, must still match. */
    public ApprovalView approve(UUID id, Principal principal, String comment, String digest) {
        return vote(id, principal, ApprovalVote.APPROVE, comment, digest);
    }

    /** Rejects, as {@code principal}, for a reason (required); one rejection rejects. */
    public ApprovalView reject(UUID id, Principal principal, String reason, String digest) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("$.reason", "is required: say why the action must not go out");
        }
        return vote(id, principal, ApprovalVote.REJECT, reason.strip(), digest);
    }

    /** The result of one vote transaction: the request as it now is, or a refusal to answer once it has committed. */
    private record Outcome(ApprovalView view, ProblemException refusal) {
    }

    private ApprovalView vote(UUID id, Principal principal, String verdict, String comment, String digest) {
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> voteOnce(id, principal, verdict, comment, digest));
                if (outcome.refusal() != null) {
                    throw outcome.refusal();
                }
                return outcome.view();
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                if (isDuplicateVote(e)) {
                    throw alreadyVoted();
                }
                if (attempt < VOTE_ATTEMPTS && isLockFailure(e)) {
                    LOG.debugf("Vote on approval %s waited too long for the row lock (attempt %d); retrying", id, attempt);
                    continue;
                }
                throw e;
            }
        }
    }

    private Outcome voteOnce(UUID id, Principal principal, String verdict, String comment, String digest) {
        ApprovalRequest request = requests.findForUpdate(id).orElseThrow(() -> notFound(id));
        Instant now = clock.instant();
        if (!request.pending()) {
            throw closed(request);
        }
        if (!now.isBefore(request.deadline)) {
            expire(request, now);
            return new Outcome(null, new ProblemException(Problem.of(409, "approval-closed", "Conflict",
                    "This approval expired at " + request.deadline + ": a vote after the deadline does not count, and the "
                            + "action will not be taken")));
        }
        if (digest != null && !digest.equals(request.digest)) {
            throw new ProblemException(Problem.of(409, "digest-mismatch", "Conflict",
                    "The vote was cast on " + digest + " but the action is now " + request.digest
                            + ": look at the approval again before voting"));
        }
        checkGroup(request);
        checkFourEyes(request, principal);

        ApprovalVote vote = new ApprovalVote();
        vote.id = Ids.next();
        vote.approvalId = request.id;
        vote.seq = (int) votes.countFor(request.id) + 1;
        vote.verdict = verdict;
        vote.principalKind = principal.kind();
        vote.principalId = principal.id();
        vote.principalName = principal.name();
        vote.comment = comment == null || comment.isBlank() ? null : comment.strip();
        vote.digest = request.digest;
        vote.votedAt = now;
        votes.persist(vote);
        duties.record(principal, request.id.toString(), Duty.VOTED);
        Map<String, Object> payload = facts(request);
        payload.put("verdict", verdict);
        payload.put("digest", request.digest);
        if (vote.comment != null) {
            payload.put(ApprovalVote.REJECT.equals(verdict) ? "reason" : "comment", vote.comment);
        }
        audit.append(principal, VOTED, request.id.toString(), payload);

        if (ApprovalVote.REJECT.equals(verdict)) {
            markRejected(request, now, principal, vote.comment);
        } else {
            request.approvals++;
            if (request.approvals >= request.requiredApprovals) {
                markApproved(request, now, principal);
            }
        }
        return new Outcome(view(request, true), null);
    }

    /** The voter must belong to the request's approver group or, once it escalated, to the second group. */
    private void checkGroup(ApprovalRequest request) {
        List<String> groups = approverGroups.voting(request.approverGroup, request.escalationGroup, request.escalatedAt);
        if (approverGroups.mayVote(groups, current::hasRole)) {
            return;
        }
        String members = groups.stream().map(g -> approverGroups.rolesOf(g).isEmpty()
                        ? g + " has no members configured (arbiter.approval.group-roles.\"" + g + "\")"
                        : g + " is made of approvers holding " + String.join(" or ", approverGroups.rolesOf(g)))
                .collect(Collectors.joining("; "));
        throw new ProblemException(Problem.of(403, "not-in-approver-group", "Forbidden",
                "This request is for " + ApproverGroups.describe(groups) + ", and you are not a member: " + members + "."));
    }

    /** Refuses the submitter of the alert and the author of the deciding or active ruleset (403), and second votes (409). */
    private void checkFourEyes(ApprovalRequest request, Principal principal) {
        Set<Duty> conflicts = EnumSet.noneOf(Duty.class);
        conflicts.addAll(duties.conflicts(principal, request.decisionId.toString(), request.rulesetVersion, request.id.toString()));
        String active = rulesets.get().version();
        if (!active.equals(request.rulesetVersion) && duties.authored(principal, active)) {
            conflicts.add(Duty.AUTHORED);
        }
        if (conflicts.contains(Duty.SUBMITTED)) {
            throw fourEyes("You submitted the alert this action was decided for. Four-eyes: someone other than the "
                    + "submitter must approve or reject it.");
        }
        if (conflicts.contains(Duty.AUTHORED)) {
            throw fourEyes("You authored the active ruleset or the ruleset that proposed this action. Four-eyes: someone "
                    + "other than the author of the rules must approve or reject what they propose.");
        }
        if (conflicts.contains(Duty.VOTED)) {
            throw alreadyVoted();
        }
    }

    private void markApproved(ApprovalRequest request, Instant now, Principal last) {
        request.status = ApprovalRequest.APPROVED;
        request.resolvedAt = now;
        List<ApprovalVote> cast = votes.forApproval(request.id);
        request.resolution = "approved by " + cast.stream().filter(v -> ApprovalVote.APPROVE.equals(v.verdict))
                .map(v -> v.principalName).collect(Collectors.joining(", "));
        StoredAction action = action(request);
        action.status = StoredAction.APPROVED;
        Map<String, Object> payload = facts(request);
        payload.put("approvals", request.approvals);
        audit.append(last, APPROVED, request.id.toString(), payload);
        decisionChanged.fire(new DecisionChanged(request.decisionId, "approved", changeDetails(request, null)));
        // last: an action with no responder is settled as it is queued, and that follows its approval
        actionReady.fire(new ActionReady(request.decisionId, request.actionId));
    }

    private void markRejected(ApprovalRequest request, Instant now, Principal by, String reason) {
        request.status = ApprovalRequest.REJECTED;
        request.resolvedAt = now;
        request.resolution = "rejected by " + by.name() + ": " + reason;
        action(request).status = StoredAction.REJECTED;
        decisionChanged.fire(new DecisionChanged(request.decisionId, "rejected", changeDetails(request, reason)));
        Map<String, Object> payload = facts(request);
        payload.put("reason", reason);
        audit.append(by, REJECTED, request.id.toString(), payload);
    }

    // --- expiry and escalation -----------------------------------------------------------------------------------

    /**
     * Expires every pending request whose deadline has passed: denied, the action is not taken. Claims rows in batches
     * with {@code SKIP LOCKED}, each batch in its own transaction, so replicas sweeping at once share the work and a
     * vote in progress is left to finish (the vote itself refuses an overdue request). Returns how many it expired.
     */
    public int expireOverdue() {
        return sweep(() -> {
            Instant now = clock.instant();
            List<ApprovalRequest> due = requests.claimOverdue(now, SWEEP_BATCH);
            int expired = 0;
            for (ApprovalRequest request : due) {
                if (request.pending() && !now.isBefore(request.deadline)) {
                    expire(request, now);
                    expired++;
                }
            }
            return new Batch(expired, due.size() == SWEEP_BATCH);
        });
    }

    /**
     * When escalation is on: notifies the second group of every pending, never escalated request whose deadline is
     * within {@code arbiter.approval.escalation.before}, and extends its deadline once by
     * {@code arbiter.approval.escalation.extension}. Claims rows like {@link #expireOverdue}. Returns how many.
     */
    public int escalateDue() {
        if (!config.escalation().enabled()) {
            return 0;
        }
        return sweep(() -> {
            Instant now = clock.instant();
            List<ApprovalRequest> due = requests.claimToEscalate(now, now.plus(config.escalation().before()), SWEEP_BATCH);
            due.forEach(request -> escalate(request, now));
            return new Batch(due.size(), due.size() == SWEEP_BATCH);
        });
    }

    /** One sweep transaction's work: how many rows it changed, and whether a full batch suggests there are more. */
    private record Batch(int changed, boolean more) {
    }

    /** Runs batches, each in its own transaction, until one finds less than a full batch. */
    private static int sweep(java.util.concurrent.Callable<Batch> batch) {
        int total = 0;
        Batch done;
        do {
            done = QuarkusTransaction.requiringNew().call(batch);
            total += done.changed();
        } while (done.more());
        return total;
    }

    private void expire(ApprovalRequest request, Instant now) {
        request.status = ApprovalRequest.EXPIRED;
        request.resolvedAt = now;
        request.resolution = "nobody decided by " + request.deadline + ": denied, the action is not taken";
        action(request).status = StoredAction.EXPIRED;
        decisionChanged.fire(new DecisionChanged(request.decisionId, "expired", changeDetails(request, null)));
        Map<String, Object> payload = facts(request);
        payload.put("deadline", request.deadline.toString());
        payload.put("approvals", request.approvals);
        audit.append(Principal.SYSTEM, EXPIRED, request.id.toString(), payload);
    }

    private void escalate(ApprovalRequest request, Instant now) {
        Instant previous = request.deadline;
        request.escalatedAt = now;
        request.escalationGroup = config.escalation().group();
        request.deadline = previous.plus(config.escalation().extension());
        Map<String, Object> details = changeDetails(request, null);
        details.put("escalationGroup", request.escalationGroup);
        details.put("deadline", request.deadline.toString());
        decisionChanged.fire(new DecisionChanged(request.decisionId, "escalated", details));
        Map<String, Object> payload = facts(request);
        payload.put("approverGroup", request.approverGroup);
        payload.put("escalationGroup", request.escalationGroup);
        payload.put("previousDeadline", previous.toString());
        payload.put("deadline", request.deadline.toString());
        audit.append(Principal.SYSTEM, ESCALATED, request.id.toString(), payload);
    }

    // --- a changed action ----------------------------------------------------------------------------------------

    /** What {@link #actionChanged} did: the request it voided and the one it opened; either may be null. */
    public record Change(UUID voided, UUID opened) {
    }

    /**
     * For a re-decision (or a dedup update) that changed an action waiting for approval: when the action's type, target,
     * parameters or ruleset version — its digest — differ from what its pending request is bound to, the request
     * becomes void (votes cast on it no longer count) and the action is gated again as if new: a new request, or queued
     * for dispatch ({@link ActionReady}) if the policy now lets it go automatically. An unchanged digest changes
     * nothing. Only a waiting action is re-gated; actions already approved, rejected, expired or queued are not
     * reopened (a re-decision proposes new actions for those). Runs in the caller's transaction, or its own.
     */
    @Transactional
    public Change actionChanged(UUID decisionId, UUID actionId, ProposedAction changed, String rulesetVersion,
                                Principal principal) {
        StoredDecision decision = decisions.findByIdOptional(decisionId)
                .orElseThrow(() -> new IllegalArgumentException("No decision " + decisionId));
        StoredAction action = decision.actions.stream().filter(a -> a.id.equals(actionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Decision " + decisionId + " has no action " + actionId));
        Optional<ApprovalRequest> pending = requests.pendingForActionForUpdate(actionId);
        if (pending.isEmpty()) {
            return new Change(null, null);
        }
        ApprovalRequest old = pending.get();
        String digest = ActionDigest.of(changed.type(), changed.target(), Map.of(), rulesetVersion);
        if (digest.equals(old.digest)) {
            return new Change(null, null);
        }
        Instant now = clock.instant();
        old.status = ApprovalRequest.VOID;
        old.resolvedAt = now;
        old.resolution = "the action changed (was " + old.actionType + " on " + old.target + " by ruleset "
                + old.rulesetVersion + "): votes on it no longer count";
        action.type = changed.type();
        action.target = changed.target();
        action.impact = changed.impact();
        action.dmnRule = changed.rule();
        action.assumptions = changed.approval().assumptions();
        Optional<Waiting> waiting = gate(decisionId, action, changed, rulesetVersion, principal);
        waiting.ifPresent(w -> open(w, principal));
        ApprovalRequest successor = waiting.map(Waiting::request).orElse(null);
        old.replacedBy = successor != null ? successor.id : null;
        Map<String, Object> payload = facts(old);
        payload.put("previousDigest", old.digest);
        payload.put("digest", digest);
        payload.put("replacedBy", old.replacedBy != null ? old.replacedBy.toString() : null);
        audit.append(principal, VOIDED, old.id.toString(), payload);
        if (successor == null) {
            actionReady.fire(new ActionReady(decisionId, actionId));
        }
        return new Change(old.id, successor != null ? successor.id : null);
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** One request with the action, the votes so far and the decision with its full explanation. */
    @Transactional
    public Optional<ApprovalView> find(UUID id) {
        return requests.findByIdOptional(id).map(r -> view(r, true));
    }

    /** One page of requests, soonest deadline first. */
    @Transactional
    public ApprovalView.Page list(ApprovalRepository.Filter filter, String cursor, int limit) {
        ApprovalCursor after = cursor != null ? ApprovalCursor.decode(cursor) : null;
        List<ApprovalRequest> page = requests.page(filter, after, limit + 1);
        boolean more = page.size() > limit;
        List<ApprovalRequest> items = more ? page.subList(0, limit) : page;
        String next = more ? ApprovalCursor.of(items.get(items.size() - 1)).encode() : null;
        return new ApprovalView.Page(items.stream().map(r -> view(r, false)).toList(), next);
    }

    private ApprovalView view(ApprovalRequest r, boolean full) {
        Instant now = clock.instant();
        Long secondsLeft = r.pending() ? Math.max(0, Duration.between(now, r.deadline).getSeconds()) : null;
        DecisionView decision = null;
        DecisionView.Action action = null;
        List<ApprovalView.Vote> cast = null;
        if (full) {
            decision = decisionViews.find(r.decisionId).orElse(null);
            action = decision == null ? null
                    : decision.actions().stream().filter(a -> r.actionId.equals(a.id())).findFirst().orElse(null);
            cast = votes.forApproval(r.id).stream()
                    .map(v -> new ApprovalView.Vote(v.verdict, new Principal(v.principalKind, v.principalId, v.principalName),
                            v.votedAt, v.comment))
                    .toList();
        }
        return new ApprovalView(r.id, r.status, r.decisionId, r.actionId, r.actionType, r.target, r.gate,
                r.requiredApprovals, r.approvals, r.approverGroup, r.escalationGroup, r.createdAt, r.deadline, secondsLeft,
                r.escalatedAt, r.resolvedAt, r.resolution, r.replacedBy, r.digest, r.rulesetVersion,
                new DecisionView.DmnMatch("arbiter-approval", "Approval Gate", List.of(r.policyRule)), action, cast, decision);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private StoredAction action(ApprovalRequest request) {
        return decisions.findById(request.decisionId).actions.stream().filter(a -> a.id.equals(request.actionId))
                .findFirst().orElseThrow(() -> new IllegalStateException("Approval " + request.id + " has no action"));
    }

    /** What every audit event about a request names. */
    private static Map<String, Object> facts(ApprovalRequest request) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approvalId", request.id.toString());
        payload.put("decisionId", request.decisionId.toString());
        payload.put("actionId", request.actionId.toString());
        payload.put("actionType", request.actionType);
        payload.put("target", request.target);
        return payload;
    }

    private static Map<String, Object> changeDetails(ApprovalRequest request, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approvalId", request.id.toString());
        details.put("actionId", request.actionId.toString());
        details.put("actionType", request.actionType);
        details.put("target", request.target);
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No approval with id " + id);
    }

    private static ProblemException closed(ApprovalRequest request) {
        String detail = "This approval is already " + request.status + (request.resolution != null ? " (" + request.resolution + ")" : "")
                + (request.replacedBy != null ? "; vote on approval " + request.replacedBy + " instead" : "");
        return new ProblemException(Problem.of(409, "approval-closed", "Conflict", detail));
    }

    private static ProblemException alreadyVoted() {
        return new ProblemException(Problem.of(409, "already-voted", "Conflict",
                "You already voted on this approval; each person votes once"));
    }

    private static ProblemException fourEyes(String detail) {
        return new ProblemException(Problem.of(403, "four-eyes", "Forbidden", detail));
    }

    private static boolean isDuplicateVote(Throwable e) {
        return Causes.any(e, cause -> cause.getMessage() != null
                && cause.getMessage().toLowerCase().contains("uq_approval_vote_principal"));
    }

    /** A lock wait that timed out, or a deadlock the database broke: the vote can simply be tried again. */
    private static boolean isLockFailure(Throwable e) {
        return Causes.any(e, cause -> cause instanceof jakarta.persistence.PessimisticLockException
                || cause instanceof jakarta.persistence.LockTimeoutException
                || cause instanceof org.hibernate.PessimisticLockException
                || cause instanceof org.hibernate.exception.LockAcquisitionException
                || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("55P03")
                            || sql.getSQLState().equals("40001") || sql.getSQLState().equals("HYT00")));
    }
}
