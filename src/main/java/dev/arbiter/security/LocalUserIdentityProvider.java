package dev.arbiter.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Local users' passwords, checked against the bcrypt hash in the database: over HTTP Basic, and through the console's
 * login form, which starts a server-side session ({@link Sessions}). The login form endpoint also completes the
 * hand-off of a person the identity provider signed in.
 */
@ApplicationScoped
public class LocalUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Credentials credentials;
    private final Sessions sessions;
    private final String formPostLocation;

    LocalUserIdentityProvider(Credentials credentials, Sessions sessions,
                              @ConfigProperty(name = "quarkus.http.auth.form.post-location") String formPostLocation) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.formPostLocation = formPostLocation;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        boolean form = http != null && formPostLocation.equals(http.normalizedPath());
        return context.runBlocking(() -> {
            String password = new String(request.getPassword().getPassword());
            if (form && Sessions.HANDOFF_USER.equals(request.getUsername())) {
                Optional<SecurityIdentity> handedOff = sessions.completeHandoff(password);
                if (handedOff.isPresent()) {
                    return handedOff.get();
                }
            }
            return credentials.user(request.getUsername(), request.getPassword().getPassword())
                    .map(user -> form ? sessions.startLocal(user) : Identities.of(user))
                    .orElseThrow(AuthenticationFailedException::new);
        });
    }
}
