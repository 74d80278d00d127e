package dev.arbiter.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.DecisionView;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/** {@code POST /api/v1/alerts}: submit a canonical alert, get its decision. */
@Path("/api/v1/alerts")
public class AlertResource {

    private final AlertReader reader;
    private final DecisionService decisions;
    private final IdempotencyService idempotency;
    private final CurrentPrincipal current;

    AlertResource(AlertReader reader, DecisionService decisions, IdempotencyService idempotency, CurrentPrincipal current) {
        this.reader = reader;
        this.decisions = decisions;
        this.idempotency = idempotency;
        this.current = current;
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an alert",
            description = "201 with the new decision; 200 with the first decision when the same source and externalId "
                    + "were submitted before. Honours the Idempotency-Key header.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Alert.class)))
    public Response submit(byte[] body, @HeaderParam(IdempotencyService.HEADER) String idempotencyKey) {
        Alert alert = reader.read(body);
        var principal = current.get();
        if (idempotencyKey == null) {
            return respond(decisions.submit(alert, new String(body, StandardCharsets.UTF_8), principal));
        }
        String key = IdempotencyService.scoped(principal, idempotencyKey);
        Optional<IdempotencyService.Replay> replay = idempotency.claim(key, body);
        if (replay.isPresent()) {
            DecisionView decision = decisions.replay(replay.get().decisionId()).orElseThrow();
            return respond(replay.get().status(), decision);
        }
        try {
            DecisionService.Submission submission = decisions.submit(alert, new String(body, StandardCharsets.UTF_8), principal);
            Response response = respond(submission);
            idempotency.complete(key, response.getStatus(), submission.decision().id());
            return response;
        } catch (RuntimeException e) {
            idempotency.release(key);
            throw e;
        }
    }

    private static Response respond(DecisionService.Submission submission) {
        return respond(submission.created() ? 201 : 200, submission.decision());
    }

    private static Response respond(int status, DecisionView decision) {
        return Response.status(status)
                .location(URI.create("/api/v1/decisions/" + decision.id()))
                .entity(decision)
                .build();
    }
}
