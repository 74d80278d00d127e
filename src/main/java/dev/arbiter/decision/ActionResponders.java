package dev.arbiter.decision;

/**
 * Whether an action type has somewhere to go. The decision feature asks it for each new automatic action before
 * writing it, so that an action no responder can take is written once, as {@link ActionStatuses#NO_RESPONDER},
 * rather than written as queued and updated when dispatch settles it in the same transaction (issue #9). The dispatch
 * feature implements it from its configuration and, on {@link ActionReady}, settles such an action's delivery.
 */
public interface ActionResponders {

    /** Whether an action of this type would be sent: a responder is configured for it, or a default one. */
    boolean hasResponder(String actionType);
}
