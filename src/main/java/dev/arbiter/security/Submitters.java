package dev.arbiter.security;

import dev.arbiter.common.Principal;

/**
 * Who submitted a decision, as the feature that stores decisions knows it. {@link SeparationOfDuties} asks it instead of
 * keeping a ledger row per decision: the decision names its submitter already, and a second row written with every
 * alert cost each one an insert (issue #9).
 */
public interface Submitters {

    /** Whether the principal (same kind and id) submitted the decision; false when there is no such decision. */
    boolean submitted(Principal principal, String decisionId);
}
