package dev.arbiter.approval.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.approval.KillSwitchView;
import dev.arbiter.approval.Safeguards;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/** The global kill switch: engaged, every new action waits for approval. */
@Path("/api/v1/kill-switch")
@Produces(MediaType.APPLICATION_JSON)
public class KillSwitchResource {

    private static final int MAX_REASON = 1000;

    private final Safeguards safeguards;
    private final CurrentPrincipal current;

    KillSwitchResource(Safeguards safeguards, CurrentPrincipal current) {
        this.safeguards = safeguards;
        this.current = current;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.APPROVER})
    @Operation(summary = "The kill switch: engaged or not, why, who changed it and when")
    public KillSwitchView get() {
        return safeguards.killSwitch();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Engage or release the kill switch", description = "Body {engaged, reason}; both required.")
    public KillSwitchView set(KillSwitchBody body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.engaged() == null) {
            errors.add(new Problem.FieldError("$.engaged", "is required: true or false"));
        }
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            errors.add(new Problem.FieldError("$.reason", "is required: say why"));
        } else if (body.reason().length() > MAX_REASON) {
            errors.add(new Problem.FieldError("$.reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        return safeguards.setKillSwitch(body.engaged(), body.reason().strip(), current.get());
    }
}
