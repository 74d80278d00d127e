package dev.arbiter.context.intel;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

import com.fasterxml.jackson.databind.JsonNode;

import dev.arbiter.common.ProblemException;
import dev.arbiter.context.Actor;
import dev.arbiter.context.ImportErrors;
import dev.arbiter.context.ImportResult;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.InventoryReader.Row;
import dev.arbiter.context.Pages;
import dev.arbiter.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/v1/indicators}: admins write and import (CSV, JSON, STIX 2.1), admins, analysts and auditors read. */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {

    static final String STIX = "application/stix+json";
    static final Set<String> CSV_COLUMNS = new LinkedHashSet<>(List.of("type", "value", "source", "confidence",
            "validUntil", "description"));
    static final Set<String> CSV_REQUIRED = Set.of("type", "value");

    private final IndicatorService service;
    private final InventoryReader reader;
    private final SecurityIdentity identity;

    IndicatorResource(IndicatorService service, InventoryReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Indicators, filtered by type, value and source, with cursor pagination")
    public IndicatorView.Page list(@QueryParam("type") String type, @QueryParam("value") String value,
                                   @QueryParam("source") String source, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") @DefaultValue("100") String limit) {
        return service.list(type, value, source, cursor != null ? id(cursor, "cursor") : null, Pages.limit(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One indicator")
    public IndicatorView get(@PathParam("id") String id) {
        return service.find(pathId(id)).orElseThrow(() -> ProblemException.notFound("No indicator with id " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an indicator", description = "409 when one with the same type, value and source exists")
    @RequestBody(content = @Content(schema = @Schema(implementation = IndicatorData.class)))
    public Response create(byte[] body) {
        IndicatorView created = service.create(reader.one(body, IndicatorData.class), Actor.of(identity));
        return Response.created(URI.create("/api/v1/indicators/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an indicator")
    @RequestBody(content = @Content(schema = @Schema(implementation = IndicatorData.class)))
    public IndicatorView replace(@PathParam("id") String id, byte[] body) {
        UUID uuid = pathId(id);
        return service.replace(uuid, reader.one(body, IndicatorData.class), Actor.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an indicator")
    public Response delete(@PathParam("id") String id) {
        service.delete(pathId(id), Actor.of(identity));
        return Response.noContent().build();
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, STIX})
    @Operation(summary = "Create or update many indicators from a JSON array or a STIX 2.1 bundle, all or nothing",
            description = "A JSON array holds indicator objects; errors name 'row N: field' (rows count from 1). A STIX "
                    + "bundle's simple indicator patterns are imported; other objects and patterns are listed as skipped; "
                    + "errors name the object by JSON path. ?source= overrides the bundle's creator; ?confidence= is used "
                    + "for indicators without one (default 50).")
    public ImportResult importJson(byte[] body, @QueryParam("source") String source,
                                   @QueryParam("confidence") @DefaultValue("50") String confidence) {
        ImportErrors errors = new ImportErrors();
        JsonNode tree = reader.tree(body);
        if (tree.isObject() && "bundle".equals(tree.path("type").asText())) {
            List<ImportResult.Skipped> skipped = new ArrayList<>();
            List<IndicatorService.Entry> entries = StixBundle.read(tree, blankToNull(source), confidence(confidence), skipped, errors);
            return service.importEntries(entries, skipped, errors, body, "stix", Actor.of(identity));
        }
        if (!tree.isArray()) {
            throw ProblemException.invalid("$", "must be a JSON array of indicators or a STIX 2.1 bundle");
        }
        List<IndicatorService.Entry> entries = new ArrayList<>();
        for (Row<IndicatorData> row : reader.jsonRows(tree, IndicatorData.class, errors)) {
            entries.add(new IndicatorService.Entry("row " + row.number(), row.value(), null));
        }
        return service.importEntries(entries, List.of(), errors, body, "json", Actor.of(identity));
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes("text/csv")
    @Operation(summary = "Create or update many indicators from CSV with a header row, all or nothing",
            description = "Columns: type, value, source, confidence, validUntil, description; ?source= fills rows "
                    + "without a source. 422 lists every error as 'row N: column' (the first row after the header is row 1)")
    public ImportResult importCsv(byte[] body, @QueryParam("source") String source) {
        ImportErrors errors = new ImportErrors();
        List<IndicatorService.Entry> entries = new ArrayList<>();
        for (Row<Map<String, String>> row : reader.csvRows(body, CSV_COLUMNS, CSV_REQUIRED, errors)) {
            Map<String, String> cells = row.value();
            Integer confidence = null;
            if (cells.get("confidence") != null) {
                try {
                    confidence = Integer.valueOf(cells.get("confidence"));
                } catch (NumberFormatException e) {
                    errors.add(row.number(), "confidence", "must be a whole number from 0 to 100");
                    continue;
                }
            }
            java.time.Instant validUntil = null;
            if (cells.get("validUntil") != null) {
                try {
                    validUntil = OffsetDateTime.parse(cells.get("validUntil")).toInstant();
                } catch (DateTimeParseException e) {
                    errors.add(row.number(), "validUntil", "must be an RFC 3339 timestamp with a zone, such as 2026-12-31T00:00:00Z");
                    continue;
                }
            }
            String rowSource = cells.get("source") != null ? cells.get("source") : blankToNull(source);
            IndicatorData data = new IndicatorData(cells.get("type"), cells.get("value"), rowSource, confidence,
                    validUntil, cells.get("description"));
            if (reader.validate(row.number(), data, errors)) {
                entries.add(new IndicatorService.Entry("row " + row.number(), data, null));
            }
        }
        return service.importEntries(entries, List.of(), errors, body, "csv", Actor.of(identity));
    }

    private static int confidence(String value) {
        try {
            int confidence = Integer.parseInt(value);
            if (confidence >= 0 && confidence <= 100) {
                return confidence;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("confidence", "must be a whole number from 0 to 100");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static UUID pathId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No indicator with id " + id);
        }
    }

    private static UUID id(String value, String name) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "is not a cursor returned by this API");
        }
    }
}
