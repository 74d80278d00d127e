package dev.arbiter.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
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
 */
@ApplicationScoped
class SmallBodies {

    /** Largest body buffered on the event loop. */
    static final int MAX_BYTES = 64 * 1024;

    /** After Quarkus' upload limit (order -2), before the REST resources (SmallBodiesTest shows the order holds). */
    private static final int ORDER = -1;

    private final BodyHandler buffer = BodyHandler.create(false).setBodyLimit(MAX_BYTES).setPreallocateBodyBuffer(true);

    void register(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::handle).failureHandler(SmallBodies::hungUp);
        router.route("/bench/floor").order(ORDER).handler(this::handle).failureHandler(SmallBodies::hungUp);
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

    private void handle(RoutingContext context) {
        if (buffers(context.request().method(), context.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
            buffer.handle(context);
        } else {
            context.next();
        }
    }

    /** Whether a request with this method and Content-Length header (null when absent) is buffered here. */
    static boolean buffers(HttpMethod method, String contentLength) {
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
