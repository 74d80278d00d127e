package dev.arbiter.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.arbiter.approval.ApprovalRepository;
import dev.arbiter.approval.ApprovalService;
import dev.arbiter.approval.ApprovalView;
import dev.arbiter.approval.ApproverGroups;
import dev.arbiter.common.Digests;
import dev.arbiter.common.Principal;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.SeparationOfDuties;
import dev.arbiter.security.SeparationOfDuties.Duty;

/** The approval inbox as cards: each pending request with its decision's story and what four-eyes says of the viewer. */
@ApplicationScoped
@Transactional
public class Inbox {

    /** How many pending requests the inbox shows, soonest deadline first. */
    static final int SIZE = 50;

    private final ApprovalService approvals;
    private final Stories stories;
    private final SeparationOfDuties duties;
    private final ApproverGroups groups;
    private final CurrentPrincipal current;

    Inbox(ApprovalService approvals, Stories stories, SeparationOfDuties duties, ApproverGroups groups, CurrentPrincipal current) {
        this.groups = groups;
        this.current = current;
        this.approvals = approvals;
        this.stories = stories;
        this.duties = duties;
    }

    /**
     * One request as a card.
     *
     * @param fourEyes why the viewer's vote will be refused (not in the approver group, or four-eyes rules), or null
     *                 when they may vote
     */
    public record Card(ApprovalView approval, Stories.Story story, String fourEyes) {

        public boolean pending() {
            return "pending".equals(approval.status());
        }

        /** "1 of 2 approvals". */
        public String quorum() {
            return approval.approvals() + " of " + approval.requiredApprovals() + " approval" + (approval.requiredApprovals() == 1 ? "" : "s");
        }
    }

    /** The pending requests and a digest of their state, which changes when anyone votes or a request ends. */
    public record Listing(List<Card> cards, String state, boolean more) {
    }

    public Listing pending(Principal viewer) {
        ApprovalView.Page page = approvals.list(new ApprovalRepository.Filter("pending", null, null), null, SIZE);
        List<Card> cards = new ArrayList<>();
        for (ApprovalView item : page.items()) {
            card(item.id(), viewer).ifPresent(cards::add);
        }
        return new Listing(cards, state(page.items()), page.nextCursor() != null);
    }

    /** Only the state digest, for the poll that asks whether anything changed. */
    public String pendingState() {
        return state(approvals.list(new ApprovalRepository.Filter("pending", null, null), null, SIZE).items());
    }

    public Optional<Card> card(UUID approvalId, Principal viewer) {
        return approvals.find(approvalId).map(approval -> new Card(approval,
                approval.decisionId() != null ? stories.of(approval.decisionId()).orElse(null) : null,
                fourEyes(approval, viewer)));
    }

    private String fourEyes(ApprovalView approval, Principal viewer) {
        List<String> asked = groups.voting(approval.approverGroup(), approval.escalationGroup(), approval.escalatedAt());
        if (!groups.mayVote(asked, current::hasRole)) {
            return "This request is for " + ApproverGroups.describe(asked) + ", and you are not a member, so your vote will be refused.";
        }
        Set<Duty> conflicts = duties.conflicts(viewer, approval.decisionId().toString(), approval.rulesetVersion(),
                approval.id().toString());
        if (conflicts.contains(Duty.SUBMITTED)) {
            return "You submitted the alert behind this action, so four-eyes rules will refuse your vote: another approver must decide.";
        }
        if (conflicts.contains(Duty.AUTHORED)) {
            return "You authored the rules that proposed this action, so four-eyes rules will refuse your vote.";
        }
        if (conflicts.contains(Duty.VOTED)) {
            return "You already voted on this approval; it waits for another approver.";
        }
        return null;
    }

    private static String state(List<ApprovalView> items) {
        StringBuilder state = new StringBuilder();
        items.forEach(a -> state.append(a.id()).append(':').append(a.approvals()).append(':').append(a.deadline()).append(';'));
        return Digests.sha256Hex(state.toString()).substring(0, 16);
    }
}
