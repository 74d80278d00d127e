package dev.arbiter.console;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.Principal;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Sessions;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Sign-in through the identity provider. quarkus-oidc runs the authorization code flow on this one path; once the
 * provider has vouched for the person, this resource starts a console session with the roles from the same claim the
 * API reads, drops quarkus-oidc's own session cookie and hands the browser over to the login form endpoint, so from
 * then on an identity provider's user has the same kind of session (cookie, CSRF, roles, sign-out) as a local user.
 */
@Path("/console/sso")
public class SingleSignOnResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance handoff(String user, String handoffUser, String handle);
    }

    private final SecurityIdentity identity;
    private final OidcSession oidcSession;
    private final OidcConfigurationMetadata provider;
    private final Sessions sessions;

    SingleSignOnResource(SecurityIdentity identity, OidcSession oidcSession, OidcConfigurationMetadata provider, Sessions sessions) {
        this.identity = identity;
        this.oidcSession = oidcSession;
        this.provider = provider;
        this.sessions = sessions;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signedIn() {
        Principal principal = CurrentPrincipal.of((JsonWebToken) identity.getPrincipal());
        String handle = sessions.startFromIdentityProvider(principal, identity.getRoles(),
                Optional.ofNullable(provider.getEndSessionUri()));
        oidcSession.logout().await().indefinitely();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Templates.handoff(principal.name(), Sessions.HANDOFF_USER, handle)).cacheControl(noStore).build();
    }
}
