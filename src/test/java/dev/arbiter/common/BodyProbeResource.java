package dev.arbiter.common;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.vertx.ext.web.RoutingContext;

/** Tests only: takes a body as the API's resources do and tells whether the router had buffered it before. */
@Path("/api/test/body-probe")
public class BodyProbeResource {

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> probe(byte[] body, @Context RoutingContext routing) {
        return Map.of("bytes", body.length, "sha256", Digests.sha256Hex(body),
                "bufferedBeforeTheResource", routing.body().buffer() != null);
    }
}
