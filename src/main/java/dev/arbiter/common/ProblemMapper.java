package dev.arbiter.common;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into RFC 9457 problem responses. Unexpected failures become a generic 500
 * whose body names no class and carries no stack trace; the log keeps the details. A client that hangs up before its
 * request body has arrived is not a failure of the service and is logged at debug level only.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem().withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(JsonPaths.ofViolation(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid(summary(e.getConstraintViolations().size()), errors).problem()
                .withInstance(uri.getPath()));
    }

    /** A typed request body that is not JSON (400) or does not fit its type (422). */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping) {
            return respond(ProblemException.invalid(JsonPaths.of(mapping), JsonErrors.describe(mapping)).problem().withInstance(uri.getPath()));
        }
        return respond(ProblemException.badRequest("Malformed JSON: " + e.getOriginalMessage()).problem().withInstance(uri.getPath()));
    }

    /** No or bad credentials: one answer for every cause, so it reveals nothing about which part failed. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Basic realm=\"arbiter\", Bearer, ApiKey")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "unauthorized", "Unauthorized", "Authentication is required")
                        .withInstance(uri.getPath()))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this").withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "Method not allowed on " + uri.getPath();
            case 406 -> "This resource answers application/json only";
            case 415 -> "Send the body as application/json";
            default -> title;
        };
        return respond(Problem.of(status, title.toLowerCase().replace(' ', '-'), title, detail).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (clientHungUp(e)) {
            logHangUp(uri.getPath());
            return respond(Problem.of(400, "incomplete-request", "Incomplete request",
                    "The connection closed before the whole request had arrived; nothing was stored")
                    .withInstance(uri.getPath()));
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; nothing was stored. The failure is logged.").withInstance(uri.getPath()));
    }

    /**
     * Whether reading the request failed because its connection closed: Vert.x reports that as an
     * {@link HttpClosedException} wrapped in the {@code IOException}s of the body reader.
     */
    static boolean clientHungUp(Throwable e) {
        return Causes.any(e, HttpClosedException.class::isInstance);
    }

    /** A client hanging up is not the service's failure: a debug line, no stack trace (also from {@link SmallBodies}). */
    static void logHangUp(String path) {
        LOG.debugf("The client closed the connection before its request to %s had arrived; nothing was stored", path);
    }

    private static String summary(int count) {
        return count == 1 ? "1 field is invalid" : count + " fields are invalid";
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
