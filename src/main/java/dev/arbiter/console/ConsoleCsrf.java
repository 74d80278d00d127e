package dev.arbiter.console;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.arbiter.common.Problem;

/**
 * CSRF for the API when the console's session cookie is what signs a call in: a state-changing {@code /api/v1} call
 * that carries the session cookie and no credentials of its own must send the CSRF token ({@link CsrfToken}) in the
 * {@code X-CSRF-TOKEN} header: without it 403, with another value than the cookie's 400. Machine clients (Basic, bearer
 * token, API key) carry no session cookie and are not affected. Console forms are checked by their resources.
 */
public class ConsoleCsrf {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String sessionCookie;
    private final String tokenHeader = CsrfToken.HEADER;

    ConsoleCsrf(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @ServerRequestFilter
    public Optional<Response> requireTokenForSessionCalls(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || !request.getCookies().containsKey(sessionCookie)
                || request.getHeaderString("Authorization") != null || request.getHeaderString("X-API-Key") != null) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(tokenHeader);
        if (presented != null) {
            jakarta.ws.rs.core.Cookie cookie = request.getCookies().get(CsrfToken.COOKIE);
            return CsrfToken.matches(presented, cookie != null ? cookie.getValue() : null) ? Optional.empty()
                    : Optional.of(ConsoleCsrf.refused());
        }
        return Optional.of(Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "csrf-token-missing", "Forbidden", "A call signed in by the console's session "
                        + "must carry the CSRF token in the " + tokenHeader + " header").withInstance(request.getUriInfo().getPath()))
                .build());
    }

    /** A console form or call whose token is missing or is not the cookie's: 400, nothing done. */
    static Response refused() {
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(400, "csrf-token-invalid", "Bad Request", "The CSRF token is missing or does not match: "
                        + "reload the page and try again")).build();
    }
}
