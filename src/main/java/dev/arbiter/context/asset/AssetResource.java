package dev.arbiter.context.asset;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import dev.arbiter.context.ImportErrors;
import dev.arbiter.context.ImportResult;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.InventoryReader.Row;
import dev.arbiter.context.Pages;
import dev.arbiter.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/v1/assets}: admins write, admins, analysts and auditors read. */
@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    static final Set<String> CSV_COLUMNS = new java.util.LinkedHashSet<>(List.of("id", "hostnames", "addresses",
            "criticality", "environment", "exposure", "ownerTeam", "missionImpact", "safetyImpact"));
    static final Set<String> CSV_REQUIRED = Set.of("id", "criticality", "environment");

    private final AssetService service;
    private final InventoryReader reader;
    private final SecurityIdentity identity;

    AssetResource(AssetService service, InventoryReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Assets by id, with cursor pagination")
    public AssetView.Page list(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") String limit) {
        return service.list(cursor, Pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One asset")
    public AssetView get(@PathParam("id") String id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("No asset with id " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an asset", description = "409 when the id or a host name is taken")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssetData.class)))
    public Response create(byte[] body) {
        AssetView created = service.create(reader.one(body, AssetData.class), Actor.of(identity));
        return Response.created(URI.create("/api/v1/assets/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an asset", description = "201 when created, 200 when replaced")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssetData.class)))
    public Response replace(@PathParam("id") String id, byte[] body) {
        AssetService.Saved saved = service.replace(id, reader.one(body, AssetData.class), Actor.of(identity));
        return Response.status(saved.created() ? 201 : 200).location(URI.create("/api/v1/assets/" + id))
                .entity(saved.asset()).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an asset")
    public Response delete(@PathParam("id") String id) {
        service.delete(id, Actor.of(identity));
        return Response.noContent().build();
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace many assets from a JSON array, all or nothing",
            description = "422 lists every error as 'row N: field' (rows count from 1)")
    public ImportResult importJson(byte[] body) {
        ImportErrors errors = new ImportErrors();
        List<Row<AssetData>> rows = reader.jsonRows(reader.tree(body), AssetData.class, errors);
        return service.importRows(rows, errors, body, "json", Actor.of(identity));
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes("text/csv")
    @Operation(summary = "Create or replace many assets from CSV with a header row, all or nothing",
            description = "Columns: " + "id, hostnames, addresses, criticality, environment, exposure, ownerTeam, "
                    + "missionImpact, safetyImpact; several host names or addresses in one cell are separated by ';'. "
                    + "422 lists every error as 'row N: column' (the first row after the header is row 1)")
    public ImportResult importCsv(byte[] body) {
        ImportErrors errors = new ImportErrors();
        List<Row<AssetData>> rows = new ArrayList<>();
        for (Row<Map<String, String>> row : reader.csvRows(body, CSV_COLUMNS, CSV_REQUIRED, errors)) {
            Map<String, String> cells = row.value();
            AssetData data = new AssetData(cells.get("id"), Pages.split(cells.get("hostnames")),
                    Pages.split(cells.get("addresses")), cells.get("criticality"), cells.get("environment"),
                    cells.get("exposure"), cells.get("ownerTeam"), cells.get("missionImpact"), cells.get("safetyImpact"));
            reader.validate(row.number(), data, errors);
            rows.add(new Row<>(row.number(), data));
        }
        return service.importRows(rows, errors, body, "csv", Actor.of(identity));
    }
}
