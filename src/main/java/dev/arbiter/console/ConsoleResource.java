package dev.arbiter.console;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Sessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/** The console's home, its sign-in page (local users, and the identity provider where one is configured) and sign-out. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Viewer viewer);

        static native TemplateInstance login(boolean error, boolean signedOut, String ssoName);

        static native TemplateInstance message(Viewer viewer, String heading, String what);
    }

    private final CurrentPrincipal current;
    private final SecurityIdentity identity;
    private final Sessions sessions;
    private final String sessionCookie;
    private final String ssoName;
    private final Optional<String> clientId;
    private final String locationCookie;

    ConsoleResource(CurrentPrincipal current, SecurityIdentity identity, Sessions sessions, ConsoleConfig config,
                    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie,
                    @ConfigProperty(name = "quarkus.http.auth.form.location-cookie", defaultValue = "quarkus-redirect-location")
                    String locationCookie,
                    @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean ssoEnabled,
                    @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId) {
        this.current = current;
        this.identity = identity;
        this.sessions = sessions;
        this.sessionCookie = sessionCookie;
        this.ssoName = ssoEnabled ? config.ssoName() : null;
        this.clientId = clientId;
        this.locationCookie = locationCookie;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance home() {
        return Templates.home(Viewer.of(current));
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response login(@QueryParam("error") boolean error, @QueryParam("signedOut") boolean signedOut) {
        // Sign-in always lands on the console's home. Quarkus remembers the page that sent a person here, and the
        // inbox polls a fragment: after a session ended, that fragment would be the place to return to.
        NewCookie forget = new NewCookie.Builder(locationCookie).value("").path("/").maxAge(0).build();
        return Response.ok(Templates.login(error, signedOut, ssoName)).cookie(forget).build();
    }

    /**
     * Ends the session: revoked on the server, so the cookie stops working everywhere even if it was copied, and
     * dropped from the browser. A person who came through the identity provider is sent to its end-session endpoint
     * when it has one, and comes back to the login page. The form carries the CSRF token like every other console form.
     */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(@FormParam(CsrfToken.FIELD) String token, @CookieParam(CsrfToken.COOKIE) String cookie,
                           @Context UriInfo uri) {
        if (!CsrfToken.matches(token, cookie)) {
            return ConsoleCsrf.refused();
        }
        Optional<String> endSession = sessions.signOut(identity);
        NewCookie expired = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        URI signedOut = uri.getBaseUriBuilder().path("/console/login").queryParam("signedOut", "true").build();
        URI next = endSession.map(endpoint -> {
            UriBuilder there = UriBuilder.fromUri(endpoint).queryParam("post_logout_redirect_uri", signedOut);
            clientId.ifPresent(id -> there.queryParam("client_id", id));
            return there.build();
        }).orElse(URI.create("/console/login?signedOut=true"));
        return Response.seeOther(next).cookie(expired).build();
    }

    /** A page the viewer's roles do not open: 403 with the reason, inside the console's layout. */
    static Response forbidden(Viewer viewer, String what) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML)
                .entity(Templates.message(viewer, "Not for your roles", what)).build();
    }
}
