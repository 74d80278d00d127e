package dev.arbiter.decision;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import dev.arbiter.decision.DecisionRepository.DecisionFilter;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.AlertReader;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/** Reading decisions, and the dry run. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    static final int MAX_LIMIT = 200;

    private final DecisionService decisions;
    private final AlertReader reader;
    private final CurrentPrincipal current;

    DecisionResource(DecisionService decisions, AlertReader reader, CurrentPrincipal current) {
        this.decisions = decisions;
        this.reader = reader;
        this.current = current;
    }

    /** An ingest-only client sees just what it submitted; everyone else with read access sees all. */
    private Optional<Principal> submitterScope() {
        return current.seesOnlyOwnSubmissions() ? Optional.of(current.get()) : Optional.empty();
    }

    @GET
    @RolesAllowed({Roles.INGEST, Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR})
    @Path("/decisions/{id}")
    @Operation(summary = "One decision")
    public DecisionView get(@PathParam("id") String id) {
        return decisions.find(parseId(id), submitterScope()).orElseThrow(() -> ProblemException.notFound("No decision with id " + id));
    }

    @GET
    @RolesAllowed({Roles.INGEST, Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR})
    @Path("/decisions")
    @Operation(summary = "Decisions, newest first, with cursor pagination",
            description = "Filters: priority (P1–P4), source, since and until (RFC 3339, decision time, since inclusive). "
                    + "Pass nextCursor back as cursor for the next page.")
    public DecisionView.Page list(@QueryParam("priority") String priority, @QueryParam("source") String source,
                                  @QueryParam("since") String since, @QueryParam("until") String until,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") String limit) {
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw ProblemException.invalid("priority", "must be one of P1, P2, P3, P4");
        }
        DecisionFilter filter = new DecisionFilter(priority, source, instant("since", since), instant("until", until),
                submitterScope().orElse(null));
        return decisions.list(filter, cursor, parseLimit(limit));
    }

    @POST
    @RolesAllowed({Roles.ANALYST, Roles.RULE_AUTHOR})
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: decide an alert without storing anything")
    @RequestBody(content = @Content(schema = @Schema(implementation = Alert.class)))
    public DecisionView evaluate(byte[] body) {
        return decisions.evaluate(reader.read(body));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No decision with id " + id);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 timestamp with a zone, such as 2026-11-28T02:14:00Z");
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
