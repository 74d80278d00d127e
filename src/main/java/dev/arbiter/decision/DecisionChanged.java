package dev.arbiter.decision;

import java.util.Map;
import java.util.UUID;

/**
 * Fired synchronously, inside the transaction of the change, when something the requester cares about happened to a
 * decision: {@code decided} (first stored), {@code approved}, {@code rejected}, {@code expired}, {@code escalated},
 * {@code dispatched} (a responder accepted an action), {@code failed} (an action could not be delivered:
 * dead-lettered, or no responder). The dispatch feature observes it and queues a callback to the requester, if it
 * gave one.
 *
 * @param change  what happened, one of the words above
 * @param details small JSON-ready facts about it (action id, type, target, reason…)
 */
public record DecisionChanged(UUID decisionId, String change, Map<String, Object> details) {

    public DecisionChanged {
        details = Map.copyOf(details);
    }
}
