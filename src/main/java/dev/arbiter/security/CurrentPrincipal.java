package dev.arbiter.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.arbiter.common.Principal;
import io.quarkus.security.identity.SecurityIdentity;

/** The principal of the current request, as recorded on decisions and audit events. */
@RequestScoped
public class CurrentPrincipal {

    private final SecurityIdentity identity;

    CurrentPrincipal(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Principal get() {
        if (identity.isAnonymous()) {
            return Principal.ANONYMOUS;
        }
        String kind = identity.getAttribute(Identities.KIND);
        String id = identity.getAttribute(Identities.ID);
        if (kind != null && id != null) {
            return new Principal(kind, id, nameOf(identity));
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return of(token);
        }
        return new Principal("user", identity.getPrincipal().getName(), identity.getPrincipal().getName());
    }

    /**
     * The principal a token from the identity provider stands for: its issuer and subject. The API's bearer tokens and
     * the console's single sign-on both record this one, so four-eyes checks see one person.
     */
    public static Principal of(JsonWebToken token) {
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        return new Principal("token", token.getIssuer() + "#" + subject, token.getName());
    }

    /**
     * The name to show and record for an identity. Console sessions carry their cookie's handle as the principal name
     * (see {@link Sessions}), so the person's name is read from the identity's attribute when there is one.
     */
    public static String nameOf(SecurityIdentity identity) {
        String name = identity.getAttribute(Identities.NAME);
        return name != null ? name : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Whether the principal may only see what it submitted: it ingests but reads nothing else. */
    public boolean seesOnlyOwnSubmissions() {
        return identity.hasRole(Roles.INGEST)
                && Set.of(Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR).stream().noneMatch(identity::hasRole);
    }
}
