package dev.arbiter.intake.format;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.arbiter.security.Roles;

/** {@code POST /api/v1/intake/{format}}: alerts as other tools emit them, one JSON document or an NDJSON batch. */
@Path("/api/v1/intake/{format}")
public class IntakeResource {

    static final String NDJSON = "application/x-ndjson";

    private final FormatIntake intake;

    IntakeResource(FormatIntake intake) {
        this.intake = intake;
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one alert document in a tool's own format",
            description = "Formats: ocsf, ecs, suricata, falco, guardduty, wazuh, alertmanager (see docs/formats.md). "
                    + "201 with the new decision, 200 with the first decision when the alert was decided before. An "
                    + "Alertmanager notification answers 200 with a result per alert.")
    public Response submit(@Parameter(description = "the format of the body") @PathParam("format") String format,
                           byte[] body) {
        FormatIntake.Submitted submitted = intake.submit(format, body);
        if (submitted.decision() == null) {
            return Response.ok(submitted.results()).build();
        }
        return Response.status(submitted.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/decisions/" + submitted.decision().id()))
                .entity(submitted.decision())
                .build();
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch of alert documents, one per line",
            description = "Every line is a document of the format in the path, decided on its own: the answer (200) "
                    + "has a result per alert with its line number, its decision id and status, or its problem.")
    public BatchResult submitBatch(@Parameter(description = "the format of every line") @PathParam("format") String format,
                                   byte[] body) {
        return intake.submitBatch(format, body);
    }
}
