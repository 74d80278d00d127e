package dev.arbiter.context.identity;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

/** {@code /api/v1/identities}: admins write, admins, analysts and auditors read. */
@Path("/api/v1/identities")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {

    static final Set<String> CSV_COLUMNS = new LinkedHashSet<>(List.of("id", "accountName", "privileged",
            "serviceAccount", "vip", "department"));
    static final Set<String> CSV_REQUIRED = Set.of("id", "accountName");
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0");

    private final IdentityService service;
    private final InventoryReader reader;
    private final SecurityIdentity identity;

    IdentityResource(IdentityService service, InventoryReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Identities by id, with cursor pagination")
    public IdentityView.Page list(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") String limit) {
        return service.list(cursor, Pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One identity")
    public IdentityView get(@PathParam("id") String id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("No identity with id " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an identity", description = "409 when the id or the account name is taken")
    @RequestBody(content = @Content(schema = @Schema(implementation = IdentityData.class)))
    public Response create(byte[] body) {
        IdentityView created = service.create(reader.one(body, IdentityData.class), Actor.of(identity));
        return Response.created(URI.create("/api/v1/identities/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an identity", description = "201 when created, 200 when replaced")
    @RequestBody(content = @Content(schema = @Schema(implementation = IdentityData.class)))
    public Response replace(@PathParam("id") String id, byte[] body) {
        IdentityService.Saved saved = service.replace(id, reader.one(body, IdentityData.class), Actor.of(identity));
        return Response.status(saved.created() ? 201 : 200).location(URI.create("/api/v1/identities/" + id))
                .entity(saved.identity()).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an identity")
    public Response delete(@PathParam("id") String id) {
        service.delete(id, Actor.of(identity));
        return Response.noContent().build();
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace many identities from a JSON array, all or nothing",
            description = "422 lists every error as 'row N: field' (rows count from 1)")
    public ImportResult importJson(byte[] body) {
        ImportErrors errors = new ImportErrors();
        List<Row<IdentityData>> rows = reader.jsonRows(reader.tree(body), IdentityData.class, errors);
        return service.importRows(rows, errors, body, "json", Actor.of(identity));
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes("text/csv")
    @Operation(summary = "Create or replace many identities from CSV with a header row, all or nothing",
            description = "Columns: id, accountName, privileged, serviceAccount, vip, department (flags: true/false, "
                    + "yes/no, 1/0; empty is false). 422 lists every error as 'row N: column' (the first row after the "
                    + "header is row 1)")
    public ImportResult importCsv(byte[] body) {
        ImportErrors errors = new ImportErrors();
        List<Row<IdentityData>> rows = new ArrayList<>();
        for (Row<Map<String, String>> row : reader.csvRows(body, CSV_COLUMNS, CSV_REQUIRED, errors)) {
            Map<String, String> cells = row.value();
            IdentityData data = new IdentityData(cells.get("id"), cells.get("accountName"),
                    flag(row.number(), "privileged", cells, errors), flag(row.number(), "serviceAccount", cells, errors),
                    flag(row.number(), "vip", cells, errors), cells.get("department"));
            reader.validate(row.number(), data, errors);
            rows.add(new Row<>(row.number(), data));
        }
        return service.importRows(rows, errors, body, "csv", Actor.of(identity));
    }

    private static Boolean flag(int row, String column, Map<String, String> cells, ImportErrors errors) {
        String value = cells.get(column);
        if (value == null) {
            return Boolean.FALSE;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return Boolean.TRUE;
        }
        if (!FALSE.contains(lower)) {
            errors.add(row, column, "must be true or false");
        }
        return Boolean.FALSE;
    }
}
