package dev.arbiter.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * The console's session: form authentication checks the password once ({@link LocalUserIdentityProvider}), then each
 * request presents the user name from the encrypted session cookie. The user is looked up again every time, so a
 * deleted, disabled or locked user loses the session at once and role changes apply on the next request.
 */
@ApplicationScoped
public class SessionUserIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Credentials credentials;

    SessionUserIdentityProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> credentials.sessionUser(request.getPrincipal())
                .map(Identities::of)
                .orElseThrow(AuthenticationFailedException::new));
    }
}
