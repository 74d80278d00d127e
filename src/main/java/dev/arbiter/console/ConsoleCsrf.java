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
 * that carries the session cookie and no credentials of its own must send the CSRF token in the {@code X-CSRF-TOKEN}
 * header, which quarkus-rest-csrf then checks against its cookie. Machine clients (Basic, bearer token, API key) carry
 * no session cookie and are not affected.
 */
public class ConsoleCsrf {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String sessionCookie;
    private final String tokenHeader;

    ConsoleCsrf(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie,
                @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN") String tokenHeader) {
        this.sessionCookie = sessionCookie;
        this.tokenHeader = tokenHeader;
    }

    @ServerRequestFilter
    public Optional<Response> requireTokenForSessionCalls(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || !request.getCookies().containsKey(sessionCookie)
                || request.getHeaderString("Authorization") != null || request.getHeaderString("X-API-Key") != null
                || request.getHeaderString(tokenHeader) != null) {
            return Optional.empty();
        }
        return Optional.of(Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "csrf-token-missing", "Forbidden", "A call signed in by the console's session "
                        + "must carry the CSRF token in the " + tokenHeader + " header").withInstance(request.getUriInfo().getPath()))
                .build());
    }
}
