package dev.arbiter.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds security identities that carry Arbiter's principal (kind, id, name) as attributes. */
final class Identities {

    static final String KIND = "arbiter.principal.kind";
    static final String ID = "arbiter.principal.id";

    private Identities() {
    }

    static SecurityIdentity of(Credentials.Authenticated authenticated) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(authenticated.principal().name()))
                .addRoles(authenticated.roles())
                .addAttribute(KIND, authenticated.principal().kind())
                .addAttribute(ID, authenticated.principal().id())
                .build();
    }
}
