package dev.arbiter.audit.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.audit.AuditEventView;
import dev.arbiter.audit.AuditFilter;
import dev.arbiter.audit.AuditKeys;
import dev.arbiter.audit.AuditService;
import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.common.ProblemException;
import dev.arbiter.security.Roles;

/** The decision log for auditors: search, export, verification, checkpoints, the public key; a decision's history. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final String PEM = "application/x-pem-file";
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    private static final int MAX_LIMIT = 1000;

    private final AuditService audit;
    private final AuditKeys keys;

    AuditResource(AuditService audit, AuditKeys keys) {
        this.audit = audit;
        this.keys = keys;
    }

    @GET
    @Path("/audit/events")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Search the audit log, oldest first, with cursor pagination",
            description = "Filters: since, until (RFC 3339, since inclusive), type (exact, or a prefix ending in *), "
                    + "principal (id or name), subject, decisionId, priority, actionType, rulesetVersion, from and to "
                    + "(chain index, inclusive). Pass nextCursor back as cursor.")
    public AuditEventView.Page events(@QueryParam("since") String since, @QueryParam("until") String until,
                                      @QueryParam("type") String type, @QueryParam("principal") String principal,
                                      @QueryParam("subject") String subject, @QueryParam("decisionId") String decisionId,
                                      @QueryParam("priority") String priority, @QueryParam("actionType") String actionType,
                                      @QueryParam("rulesetVersion") String rulesetVersion,
                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") String limit) {
        AuditFilter filter = filter(since, until, type, principal, subject, decisionId, priority, actionType,
                rulesetVersion, from, to);
        return audit.search(filter, cursor, count("limit", limit, MAX_LIMIT));
    }

    @GET
    @Path("/audit/export")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Export the audit log, streamed",
            description = "format=jsonl (default; the offline verifier's input, checkpoints included) or csv; the "
                    + "same filters as /audit/events. Unfiltered or by chain range only, a JSON Lines export verifies.")
    public Response export(@QueryParam("format") @DefaultValue("jsonl") String format,
                           @QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("type") String type, @QueryParam("principal") String principal,
                           @QueryParam("subject") String subject, @QueryParam("decisionId") String decisionId,
                           @QueryParam("priority") String priority, @QueryParam("actionType") String actionType,
                           @QueryParam("rulesetVersion") String rulesetVersion,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw ProblemException.invalid("format", "must be jsonl or csv");
        }
        AuditFilter filter = filter(since, until, type, principal, subject, decisionId, priority, actionType,
                rulesetVersion, from, to);
        StreamingOutput body = out -> audit.export(filter, format, out);
        boolean csv = format.equals("csv");
        return Response.ok(body, csv ? "text/csv" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit." + format + "\"").build();
    }

    @GET
    @Path("/audit/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Verify the hash chain and the signed checkpoints",
            description = "The whole retained log, or from/to (chain index, inclusive). ok=false names the first "
                    + "broken index and the reason: hash-mismatch, prev-hash-mismatch, gap, duplicate-index, "
                    + "bad-signature, checkpoint-mismatch, truncated.")
    public VerifyResult verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        Long fromIndex = index("from", from);
        Long toIndex = index("to", to);
        if (fromIndex != null && toIndex != null && toIndex < fromIndex) {
            throw ProblemException.invalid("to", "must not be below from");
        }
        return audit.verify(fromIndex, toIndex);
    }

    @GET
    @Path("/audit/checkpoints")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Signed checkpoints from a chain index on (from, default 1; limit, default 100)")
    public List<AuditEventView.Checkpoint> checkpoints(@QueryParam("from") String from,
                                                       @QueryParam("limit") @DefaultValue("100") String limit) {
        Long fromIndex = index("from", from);
        return audit.checkpoints(fromIndex == null ? 1 : fromIndex, count("limit", limit, MAX_LIMIT));
    }

    @GET
    @Path("/audit/public-key")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, PEM})
    @Operation(summary = "The Ed25519 key that signs checkpoints: JSON, or PEM with Accept: application/x-pem-file")
    public Response publicKey(@jakarta.ws.rs.HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains(PEM)) {
            return Response.ok(ChainKeys.pem(keys.publicKey()), PEM).build();
        }
        return Response.ok(new AuditEventView.PublicKey(ChainKeys.ALGORITHM, keys.keyId(),
                Base64.getEncoder().encodeToString(keys.publicKey().getEncoded()), ChainKeys.pem(keys.publicKey())),
                MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/decisions/{id}/history")
    @RolesAllowed({Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "A decision's story: its alerts, the decision, approvals, votes and deliveries, in chain order",
            description = "Each event carries its chain index (null until sealed) and sequence number.")
    public List<AuditEventView> history(@PathParam("id") String id) {
        return audit.history(id).orElseThrow(() -> ProblemException.notFound("No decision with id " + id));
    }

    private static AuditFilter filter(String since, String until, String type, String principal, String subject,
                                      String decisionId, String priority, String actionType, String rulesetVersion,
                                      String from, String to) {
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw ProblemException.invalid("priority", "must be one of P1, P2, P3, P4");
        }
        return new AuditFilter(instant("since", since), instant("until", until), blankToNull(type),
                blankToNull(principal), blankToNull(subject), blankToNull(decisionId), priority,
                blankToNull(actionType), blankToNull(rulesetVersion), index("from", from), index("to", to));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 timestamp with a zone, such as 2026-11-28T02:14:00Z");
        }
    }

    private static Long index(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long index = Long.parseLong(value);
            if (index >= 1) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(name, "must be a chain index, a whole number from 1");
    }

    private static int count(String name, String value, int max) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(name, "must be a whole number from 1 to " + max);
    }
}
