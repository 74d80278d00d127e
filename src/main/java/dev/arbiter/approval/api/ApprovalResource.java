package dev.arbiter.approval.api;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.approval.ApprovalRepository;
import dev.arbiter.approval.ApprovalService;
import dev.arbiter.approval.ApprovalView;
import dev.arbiter.common.ProblemException;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/** The approval inbox, one approval with its explanation, and votes. */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "expired", "void");
    private static final int MAX_LIMIT = 200;

    private final ApprovalService approvals;
    private final CurrentPrincipal current;

    ApprovalResource(ApprovalService approvals, CurrentPrincipal current) {
        this.approvals = approvals;
        this.current = current;
    }

    @GET
    @RolesAllowed({Roles.APPROVER, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Approvals, soonest deadline first, with cursor pagination",
            description = "Filters: status (pending, approved, rejected, expired, void), actionType, group (the approver "
                    + "group, or the escalation group once escalated). Pass nextCursor back as cursor.")
    public ApprovalView.Page list(@QueryParam("status") String status, @QueryParam("actionType") String actionType,
                                  @QueryParam("group") String group, @QueryParam("cursor") String cursor,
                                  @QueryParam("limit") @DefaultValue("50") String limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of pending, approved, rejected, expired, void");
        }
        return approvals.list(new ApprovalRepository.Filter(status, actionType, group), cursor, parseLimit(limit));
    }

    @GET
    @RolesAllowed({Roles.APPROVER, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{id}")
    @Operation(summary = "One approval with its action, the votes so far, the time left and the decision's full explanation")
    public ApprovalView get(@PathParam("id") String id) {
        return approvals.find(parseId(id)).orElseThrow(() -> ProblemException.notFound("No approval with id " + id));
    }

    @POST
    @RolesAllowed(Roles.APPROVER)
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve", description = "Body {comment?, digest?}. 403 for the alert's submitter or the rules' "
            + "author (four-eyes), 409 for a second vote, a closed approval or a digest that no longer matches.")
    public ApprovalView approve(@PathParam("id") String id, ApproveBody body) {
        ApproveBody vote = body != null ? body : new ApproveBody(null, null);
        VoteBodies.checkLength("$.comment", vote.comment());
        return approvals.approve(parseId(id), current.get(), vote.comment(), vote.digest());
    }

    @POST
    @RolesAllowed(Roles.APPROVER)
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject, with a reason", description = "Body {reason, digest?}; without a reason 422. One rejection "
            + "rejects. Same refusals as approve.")
    public ApprovalView reject(@PathParam("id") String id, RejectBody body) {
        RejectBody vote = body != null ? body : new RejectBody(null, null);
        VoteBodies.checkLength("$.reason", vote.reason());
        return approvals.reject(parseId(id), current.get(), vote.reason(), vote.digest());
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No approval with id " + id);
        }
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
