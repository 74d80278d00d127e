package dev.arbiter.console;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.approval.ApprovalService;
import dev.arbiter.common.ProblemException;
import dev.arbiter.security.CurrentPrincipal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The approval inbox: pending requests soonest deadline first, each with the why, and votes. The list polls for changes
 * (htmx) and is swapped only when another vote or the end of a request changed it. Votes go through
 * {@link ApprovalService} with the same refusals as the API; a refusal is shown with the API's reason.
 */
@Path("/console/approvals")
@Produces(MediaType.TEXT_HTML)
public class InboxResource {

    /** The result of a vote, shown above the list. */
    public record Outcome(boolean ok, String message) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance approvals(Viewer viewer, Inbox.Listing listing, Outcome outcome);

        static native TemplateInstance list(Viewer viewer, Inbox.Listing listing);

        static native TemplateInstance voted(Viewer viewer, Inbox.Card card, Outcome outcome);
    }

    private final Inbox inbox;
    private final ApprovalService approvals;
    private final CurrentPrincipal current;

    InboxResource(Inbox inbox, ApprovalService approvals, CurrentPrincipal current) {
        this.inbox = inbox;
        this.approvals = approvals;
        this.current = current;
    }

    @GET
    @Operation(hidden = true)
    public Response page() {
        Viewer viewer = Viewer.of(current);
        if (!viewer.inbox()) {
            return ConsoleResource.forbidden(viewer, "The approval inbox is for approvers.");
        }
        return Response.ok(Templates.approvals(viewer, inbox.pending(current.get()), null)).build();
    }

    /** The list again, or 204 (htmx leaves the page alone) when nothing changed since {@code state}. */
    @GET
    @Path("/list")
    @Operation(hidden = true)
    public Response list(@QueryParam("state") String state) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.inbox()) {
            return ConsoleResource.forbidden(viewer, "The approval inbox is for approvers.");
        }
        if (state != null && state.equals(inbox.pendingState())) {
            return Response.noContent().build();
        }
        return Response.ok(Templates.list(viewer, inbox.pending(current.get()))).build();
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response approve(@PathParam("id") String id, @FormParam("comment") String comment, @FormParam("digest") String digest,
                            @HeaderParam("HX-Request") String htmx, @FormParam(CsrfToken.FIELD) String token,
                            @CookieParam(CsrfToken.COOKIE) String cookie) {
        if (!CsrfToken.matches(token, cookie)) {
            return ConsoleCsrf.refused();
        }
        return vote(id, htmx, () -> approvals.approve(parse(id), current.get(), blankToNull(comment), blankToNull(digest)),
                "Approved");
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response reject(@PathParam("id") String id, @FormParam("reason") String reason, @FormParam("digest") String digest,
                           @HeaderParam("HX-Request") String htmx, @FormParam(CsrfToken.FIELD) String token,
                           @CookieParam(CsrfToken.COOKIE) String cookie) {
        if (!CsrfToken.matches(token, cookie)) {
            return ConsoleCsrf.refused();
        }
        return vote(id, htmx, () -> approvals.reject(parse(id), current.get(), reason, blankToNull(digest)), "Rejected");
    }

    private Response vote(String id, String htmx, Runnable cast, String verb) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.inbox()) {
            return ConsoleResource.forbidden(viewer, "Only approvers vote on approvals.");
        }
        Outcome outcome;
        int status;
        try {
            cast.run();
            outcome = new Outcome(true, verb + ": your vote is recorded.");
            status = 200;
        } catch (ProblemException e) {
            outcome = new Outcome(false, "Your vote was refused: " + e.problem().detail());
            status = e.problem().status();
        }
        if (htmx == null) {
            return Response.status(status).entity(Templates.approvals(viewer, inbox.pending(current.get()), outcome)).build();
        }
        // htmx swaps only 2xx answers: the refusal is rendered in the page with 200, its real status in a header
        Inbox.Card card = inbox.card(parse(id), current.get()).orElse(null);
        return Response.ok(Templates.voted(viewer, card, outcome)).header("X-Vote-Status", status).build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No approval with id " + id);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
