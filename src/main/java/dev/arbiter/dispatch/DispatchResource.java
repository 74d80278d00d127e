package dev.arbiter.dispatch;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.ProblemException;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/** Deliveries and their attempts, dead letters, and re-driving them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DispatchResource {

    static final int MAX_LIMIT = 500;

    private final DispatchService dispatches;
    private final CurrentPrincipal current;

    DispatchResource(DispatchService dispatches, CurrentPrincipal current) {
        this.dispatches = dispatches;
        this.current = current;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Path("/dispatch/dead-letters")
    @Operation(summary = "Deliveries that need an admin: dead-lettered, or with no responder configured",
            description = "Most recently changed first. An admin re-drives one with POST /api/v1/dispatch/{id}/redrive.")
    public DispatchView.Page deadLetters(@QueryParam("limit") @DefaultValue("100") String limit) {
        return new DispatchView.Page(dispatches.deadLetters(parseLimit(limit)));
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN})
    @Path("/dispatch/{id}")
    @Operation(summary = "One delivery (an action to its responder, or a callback) with every attempt")
    public DispatchView get(@PathParam("id") String id) {
        return dispatches.find(parseId(id)).orElseThrow(() -> notFound(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/dispatch/{id}/redrive")
    @Operation(summary = "Queue a dead-lettered or no-responder delivery again",
            description = "A fresh attempt budget; the same delivery id and Idempotency-Key, so receivers that did get "
                    + "it before drop the duplicate. 409 for any other status.")
    public DispatchView redrive(@PathParam("id") String id) {
        return dispatches.redrive(parseId(id), current.get());
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN})
    @Path("/decisions/{id}/dispatches")
    @Operation(summary = "A decision's deliveries: its actions to responders and its callbacks, with every attempt")
    public DispatchView.Page forDecision(@PathParam("id") String id) {
        UUID decisionId;
        try {
            decisionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No decision with id " + id);
        }
        List<DispatchView> items = dispatches.forDecision(decisionId)
                .orElseThrow(() -> ProblemException.notFound("No decision with id " + id));
        return new DispatchView.Page(items);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No delivery with id " + id);
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
