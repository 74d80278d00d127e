package dev.arbiter.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.intake.AlertReader;

/**
 * {@code POST /bench/floor}: the benchmark's floor. Parses and validates the body as {@code POST /api/v1/alerts} does
 * (same reader, same 4xx answers) and inserts one row; no authentication, context, rules, decision or audit. Answers
 * 404 unless {@code arbiter.bench.floor.enabled} is on, and is left out of the API description.
 */
@Path("/bench/floor")
public class FloorResource {

    private final BenchConfig config;
    private final AlertReader reader;
    private final FloorService floor;

    FloorResource(BenchConfig config, AlertReader reader, FloorService floor) {
        this.config = config;
        this.reader = reader;
        this.floor = floor;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response submit(byte[] body) {
        if (!config.floor().enabled()) {
            throw new NotFoundException();
        }
        var alert = reader.read(body);
        var id = floor.insert(alert, new String(body, StandardCharsets.UTF_8));
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id.toString())).build();
    }
}
