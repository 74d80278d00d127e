package dev.arbiter.decision;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Principal;
import dev.arbiter.security.Submitters;

/** A decision's submitter is the principal stored on it. */
@ApplicationScoped
class DecisionSubmitters implements Submitters {

    private final DecisionRepository decisions;

    DecisionSubmitters(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    @Override
    public boolean submitted(Principal principal, String decisionId) {
        UUID id;
        try {
            id = UUID.fromString(decisionId);
        } catch (IllegalArgumentException e) {
            return false; // not a decision id, so no decision's
        }
        return decisions.count("id = ?1 and principalKind = ?2 and principalId = ?3", id, principal.kind(),
                principal.id()) > 0;
    }
}
