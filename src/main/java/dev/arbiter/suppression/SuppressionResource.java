package dev.arbiter.suppression;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import dev.arbiter.common.ProblemException;
import dev.arbiter.context.Actor;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.Pages;
import dev.arbiter.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/v1/suppressions}: analysts and admins create and revoke; auditors read too. */
@Path("/api/v1/suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    private final SuppressionService service;
    private final InventoryReader reader;
    private final SecurityIdentity identity;

    SuppressionResource(SuppressionService service, InventoryReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Suppressions, newest first", description = "status=active (default) or all")
    public SuppressionView.Page list(@QueryParam("status") @DefaultValue("active") String status,
                                     @QueryParam("limit") @DefaultValue("100") String limit) {
        if (!"active".equals(status) && !"all".equals(status)) {
            throw ProblemException.invalid("status", "must be active or all");
        }
        return service.list("active".equals(status), Pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "One suppression")
    public SuppressionView get(@PathParam("id") String id) {
        return service.find(id(id)).orElseThrow(() -> ProblemException.notFound("No suppression with id " + id));
    }

    @POST
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suppress matching alerts until expiresAt",
            description = "Matching alerts are still stored and assessed; their decisions propose no actions")
    @RequestBody(content = @Content(schema = @Schema(implementation = SuppressionData.class)))
    public Response create(byte[] body) {
        SuppressionView created = service.create(reader.one(body, SuppressionData.class), Actor.of(identity));
        return Response.created(URI.create("/api/v1/suppressions/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Revoke a suppression now; it stays on record")
    public SuppressionView revoke(@PathParam("id") String id) {
        return service.revoke(id(id), Actor.of(identity));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No suppression with id " + id);
        }
    }
}
