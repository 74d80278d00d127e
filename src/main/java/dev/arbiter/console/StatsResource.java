package dev.arbiter.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.ProblemException;
import dev.arbiter.security.Roles;

/** The overview's aggregates as JSON, for the console's charts and anyone who reads decisions. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final OverviewStats stats;

    StatsResource(OverviewStats stats) {
        this.stats = stats;
    }

    @GET
    @Path("/overview")
    @RolesAllowed({Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Alerts and decisions over time by priority, automation rate, approval latency, expired approvals, top rules",
            description = "Window: since (default until minus one day) to until (default now), RFC 3339, at most 31 days; "
                    + "hourly buckets up to two days, daily beyond. Top rules are counted over the window's latest 5,000 decisions.")
    public OverviewStats.Overview overview(@QueryParam("since") String since, @QueryParam("until") String until) {
        return stats.overview(instant("since", since), instant("until", until));
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 timestamp with a zone, such as 2026-11-28T02:14:00Z");
        }
    }
}
