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
            return new Principal(kind, id, identity.getPrincipal().getName());
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String subject = token.getSubject() != null ? token.getSubject() : token.getName();
            return new Principal("token", token.getIssuer() + "#" + subject, token.getName());
        }
        return new Principal("user", identity.getPrincipal().getName(), identity.getPrincipal().getName());
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
