package dev.arbiter.context;

import dev.arbiter.common.Principal;
import io.quarkus.security.identity.SecurityIdentity;

/** The principal an inventory change is recorded under: the authenticated user, else anonymous. */
public final class Actor {

    private Actor() {
    }

    public static Principal of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Principal.ANONYMOUS;
        }
        String name = dev.arbiter.security.CurrentPrincipal.nameOf(identity);
        return new Principal("user", name, name);
    }
}
