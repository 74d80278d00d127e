package dev.arbiter.approval;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.arbiter.decision.ActionReady;
import dev.arbiter.decision.DecisionChanged;

/** Records the decision events fired in tests, as the dispatch feature would receive them. */
@ApplicationScoped
public class RecordedEvents {

    private final List<ActionReady> ready = new CopyOnWriteArrayList<>();
    private final List<DecisionChanged> changes = new CopyOnWriteArrayList<>();
    private final List<UUID> decided = new CopyOnWriteArrayList<>();

    void onReady(@Observes ActionReady event) {
        ready.add(event);
    }

    void onChange(@Observes DecisionChanged event) {
        if (!"decided".equals(event.change())) { // the first storing of a decision is not an approval's change
            changes.add(event);
        } else {
            decided.add(event.decisionId());
        }
    }

    /** The actions of this decision reported ready, in order. */
    public List<UUID> readyActions(UUID decisionId) {
        return ready.stream().filter(e -> e.decisionId().equals(decisionId)).map(ActionReady::actionId).toList();
    }

    /** Every decision reported stored, in order, including those whose transaction then rolled back. */
    public List<UUID> decided() {
        return List.copyOf(decided);
    }

    /** The changes reported for this decision, in order. */
    public List<DecisionChanged> changes(UUID decisionId) {
        return changes.stream().filter(e -> e.decisionId().equals(decisionId)).toList();
    }

    /** The changes reported for this approval of this decision, in order. */
    public List<DecisionChanged> changes(UUID decisionId, String approvalId) {
        return changes(decisionId).stream().filter(e -> approvalId.equals(e.details().get("approvalId"))).toList();
    }
}
