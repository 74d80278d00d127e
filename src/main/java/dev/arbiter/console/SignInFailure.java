package dev.arbiter.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;

/**
 * Sends a failed console sign-in back to the login page with an error. With lazy authentication (the API answers its
 * own 401 problems) a failed form post would otherwise end as a bare 401.
 */
@ApplicationScoped
class SignInFailure {

    void register(@Observes Router router,
                  @ConfigProperty(name = "quarkus.http.auth.form.post-location") String postLocation,
                  @ConfigProperty(name = "quarkus.http.auth.form.error-page") String errorPage) {
        router.post(postLocation).failureHandler(context -> {
            Throwable failure = context.failure();
            while (failure != null && !(failure instanceof AuthenticationFailedException) && failure.getCause() != failure) {
                failure = failure.getCause();
            }
            if (failure instanceof AuthenticationFailedException && !context.response().ended()) {
                context.response().setStatusCode(302).putHeader("Location", errorPage)
                        .putHeader("Cache-Control", "no-store").end();
            } else {
                context.next();
            }
        });
    }
}
