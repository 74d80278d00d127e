package dev.arbiter.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * The console's session: the encrypted session cookie hands back the session's handle on each request, and
 * {@link Sessions} finds it again. A signed-out session fails at once on every replica; a local user is looked up
 * again every time, so a deleted, disabled or locked user loses the session at once and role changes apply on the
 * next request.
 */
@ApplicationScoped
public class SessionUserIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Sessions sessions;

    SessionUserIdentityProvider(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.resume(request.getPrincipal())
                .orElseThrow(AuthenticationFailedException::new));
    }
}
