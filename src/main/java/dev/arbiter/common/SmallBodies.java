package dev.arbiter.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a small request body on the event loop, before a worker thread takes the request. The API's resources are
 * blocking and take their body whole ({@code byte[]}); unread, the worker that runs one starts by waiting for the
 * event loop to hand it the body, one more sleep and wake-up per request (issue #9: 3 % of the service's CPU samples
 * under load). Quarkus REST reads a body the router has already buffered instead. Only bodies that announce a length
 * up to {@link #MAX_BYTES} are buffered here (an alert is a few kilobytes); larger or chunked ones are read by the
 * worker as before, and every size limit and its 413 answer stay where they are. A client that hangs up before its
 * body has arrived is logged by {@link ProblemMapper#logHangUp}, as one whose body a worker was reading.
 *
 * <p>Authentication runs later, when the resource asks for it, so a request to the API is buffered only when it
 * carries credentials of some kind (an {@code Authorization} or {@code X-API-Key} header, or a cookie such as the
 * console's session). One that carries none is refused with 401 before its body is read, as without this class, and
 * the buffer grows with the bytes that arrive rather than being sized from the announced length: a client cannot make
 * the service hold memory it has not sent. The floor ({@code /bench/floor}) permits everyone and is buffered by
 * length alone, as the API's requests are under the benchmark's load.
 */
@ApplicationScoped
class SmallBodies {

    /** Largest body buffered on the event loop. */
    static final int MAX_BYTES = 64 * 1024;

    /** Machine clients' API key header (dev.arbiter.security.ApiKeyAuthenticationMechanism). */
    private static final String API_KEY_HEADER = "X-API-Key";

    /** After Quarkus' upload limit (order -2), before the REST resources (SmallBodiesTest shows the order holds). */
    private static final int ORDER = -1;

    private final BodyHandler buffer = BodyHandler.create(false).setBodyLimit(MAX_BYTES);

    void register(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::handleApi).failureHandler(SmallBodies::hungUp);
        router.route("/bench/floor").order(ORDER).handler(this::handleFloor).failureHandler(SmallBodies::hungUp);
    }

    private static void hungUp(RoutingContext context) {
        if (!ProblemMapper.clientHungUp(context.failure())) {
            context.next();
            return;
        }
        ProblemMapper.logHangUp(context.normalizedPath());
        if (!context.response().closed() && !context.response().ended()) {
            context.response().setStatusCode(400).end();
        }
    }

    private void handleApi(RoutingContext context) {
        HttpServerRequest request = context.request();
        handle(context, carriesCredentials(request.headers())
                && smallBody(request.method(), request.getHeader(HttpHeaders.CONTENT_LENGTH)));
    }

    private void handleFloor(RoutingContext context) {
        HttpServerRequest request = context.request();
        handle(context, smallBody(request.method(), request.getHeader(HttpHeaders.CONTENT_LENGTH)));
    }

    private void handle(RoutingContext context, boolean buffered) {
        if (buffered) {
            buffer.handle(context);
        } else {
            context.next();
        }
    }

    /** Whether the headers carry credentials of any kind; whether they are valid is for authentication to say. */
    static boolean carriesCredentials(MultiMap headers) {
        return headers.contains(HttpHeaders.AUTHORIZATION) || headers.contains(API_KEY_HEADER)
                || headers.contains(HttpHeaders.COOKIE);
    }

    /** Whether a request with this method and Content-Length header (null when absent) has a body small enough. */
    static boolean smallBody(HttpMethod method, String contentLength) {
        if (contentLength == null || !(HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)
                || HttpMethod.PATCH.equals(method))) {
            return false;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            return length > 0 && length <= MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
