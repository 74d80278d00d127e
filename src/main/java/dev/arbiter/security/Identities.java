package dev.arbiter.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds security identities that carry Arbiter's principal (kind, id, name) as attributes. */
final class Identities {

    static final String KIND = "arbiter.principal.kind";
    static final String ID = "arbiter.principal.id";
    static final String NAME = "arbiter.principal.name";
    /** Set on identities restored from a console session: the handle its cookie carries. */
    static final String SESSION = "arbiter.console.session";

    private Identities() {
    }

    static SecurityIdentity of(Credentials.Authenticated authenticated) {
        return builder(authenticated.principal().name(), authenticated).build();
    }

    /**
     * A console session's identity. Its principal name is the session's handle, because the form mechanism writes the
     * principal name into the (encrypted) cookie and hands it back on the next request; the person's name is the
     * {@link #NAME} attribute, which {@link CurrentPrincipal} reads.
     */
    static SecurityIdentity ofSession(String handle, Credentials.Authenticated authenticated) {
        return builder(handle, authenticated).addAttribute(SESSION, handle).build();
    }

    private static QuarkusSecurityIdentity.Builder builder(String principalName, Credentials.Authenticated authenticated) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principalName))
                .addRoles(authenticated.roles())
                .addAttribute(KIND, authenticated.principal().kind())
                .addAttribute(ID, authenticated.principal().id())
                .addAttribute(NAME, authenticated.principal().name());
    }
}
