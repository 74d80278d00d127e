package dev.arbiter.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends failed console authentication back to the login page. With lazy authentication (the API answers its own 401
 * problems) a failed form post would otherwise end as a bare 401, and so would a page requested with a session cookie
 * that no longer works (signed out, also when copied; user deleted or disabled): that one also drops the cookie. The
 * inbox's htmx polls are told to load the login page instead of swapping it into the list.
 */
@ApplicationScoped
class SignInFailure {

    void register(@Observes Router router,
                  @ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation,
                  @ConfigProperty(name = "quarkus.http.auth.form.error-page") String errorPage,
                  @ConfigProperty(name = "quarkus.http.auth.form.login-page") String loginPage,
                  @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        router.post(postLocation).failureHandler(context -> {
            if (authenticationFailed(context)) {
                context.response().setStatusCode(302).putHeader("Location", errorPage)
                        .putHeader("Cache-Control", "no-store").end();
            } else {
                context.next();
            }
        });
        router.route("/console/*").failureHandler(context -> {
            if (context.normalizedPath().equals(postLocation) || !authenticationFailed(context)) {
                context.next();
                return;
            }
            context.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT));
            if (context.request().getHeader("HX-Request") != null) {
                context.response().setStatusCode(401).putHeader("HX-Redirect", loginPage).end();
            } else {
                context.response().setStatusCode(302).putHeader("Location", loginPage)
                        .putHeader("Cache-Control", "no-store").end();
            }
        });
    }

    private static boolean authenticationFailed(RoutingContext context) {
        Throwable failure = context.failure();
        while (failure != null && !(failure instanceof AuthenticationFailedException) && failure.getCause() != failure) {
            failure = failure.getCause();
        }
        return failure instanceof AuthenticationFailedException && !context.response().ended();
    }
}
