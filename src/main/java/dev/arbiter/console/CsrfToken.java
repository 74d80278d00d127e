package dev.arbiter.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's CSRF token (double submit): a random value in an {@code HttpOnly}, {@code SameSite=Strict} cookie,
 * repeated by each console form as a field and by the pages' scripts as the {@value #HEADER} header. Templates read
 * it as {@code {inject:csrf.token}}; a request without the cookie gets a new one.
 */
@RequestScoped
@Named("csrf")
public class CsrfToken {

    static final String COOKIE = "csrf-token";
    static final String FIELD = "csrf-token";
    static final String HEADER = "X-CSRF-TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext routing;
    private String token;

    CsrfToken(RoutingContext routing) {
        this.routing = routing;
    }

    public String getToken() {
        if (token == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[16];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
            }
        }
        return token;
    }

    public String getParameterName() {
        return FIELD;
    }

    public String getHeaderName() {
        return HEADER;
    }

    /** Whether the token presented (form field or header) is the one in the cookie; constant time. */
    static boolean matches(String presented, String cookie) {
        return presented != null && cookie != null && !cookie.isBlank()
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
    }
}
