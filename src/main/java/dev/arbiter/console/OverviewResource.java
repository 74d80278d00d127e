package dev.arbiter.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.ProblemException;
import dev.arbiter.security.CurrentPrincipal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The overview page: the figures server-side, the charts drawn by Chart.js from {@code /api/v1/stats/overview}. */
@Path("/console/overview")
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Viewer viewer, OverviewStats.Overview overview, String days, String error);
    }

    private final OverviewStats stats;
    private final CurrentPrincipal current;
    private final Clock clock;

    OverviewResource(OverviewStats stats, CurrentPrincipal current, Clock clock) {
        this.stats = stats;
        this.current = current;
        this.clock = clock;
    }

    /** The last {@code days} days (1 by default, at most 31), up to now. */
    @GET
    @Operation(hidden = true)
    public Response overview(@QueryParam("days") String days) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.overview()) {
            return ConsoleResource.forbidden(viewer, "The overview is for analysts, approvers and auditors.");
        }
        int window;
        try {
            window = days == null || days.isBlank() ? 1 : Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            window = -1;
        }
        if (window < 1 || window > OverviewStats.MAX_DAYS) {
            return Response.status(400).entity(Templates.overview(viewer, null, days,
                    "Days must be a whole number from 1 to " + OverviewStats.MAX_DAYS)).build();
        }
        try {
            Instant until = clock.instant();
            OverviewStats.Overview overview = stats.overview(until.minus(Duration.ofDays(window)), until);
            return Response.ok(Templates.overview(viewer, overview, String.valueOf(window), null)).build();
        } catch (ProblemException e) {
            return Response.status(400).entity(Templates.overview(viewer, null, days, e.problem().detail())).build();
        }
    }
}
