package dev.arbiter.ruleset;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.ProblemException;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.Pages;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/**
 * {@code /api/v1/rulesets}: rule authors (and admins) validate, activate, roll back, replay and shadow; analysts and
 * auditors read the versions.
 */
@Path("/api/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {


    private final RulesetService service;
    private final Replay replay;
    private final ShadowService shadow;
    private final InventoryReader reader;
    private final CurrentPrincipal principal;

    RulesetResource(RulesetService service, Replay replay, ShadowService shadow, InventoryReader reader, CurrentPrincipal principal) {
        this.service = service;
        this.replay = replay;
        this.shadow = shadow;
        this.reader = reader;
        this.principal = principal;
    }

    /** A bundle of files keyed {@code rules/<name>.drl}, {@code dmn/<name>.dmn}, {@code rules/tests/<name>.yaml}. */
    public record Bundle(Map<String, String> files) {
    }

    /** What to activate: uploaded {@code files}, a stored {@code version}, or {@code from: "disk"}. */
    public record ActivateBody(Map<String, String> files, String version, String from) {
    }

    /** A candidate: uploaded {@code files} or a stored {@code version}. */
    public record Candidate(Map<String, String> files, String version) {
    }

    @GET
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Stored ruleset versions, newest first")
    public List<RulesetView.Summary> list(@QueryParam("limit") @DefaultValue("100") String limit) {
        return service.list(Pages.limit(limit));
    }

    @GET
    @Path("/active")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "The live version, with its files")
    public RulesetView.Detail active() {
        return service.live().orElseThrow(() -> ProblemException.notFound("No live ruleset recorded yet"));
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One stored version, with its files and what its last validation found")
    public RulesetView.Detail get(@PathParam("version") String version) {
        return service.find(version).orElseThrow(() -> ProblemException.notFound("No stored ruleset version " + version));
    }

    @POST
    @Path("/validate")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a bundle: compile, analyse the tables, run the scenarios; nothing is activated",
            description = "200 with valid true or false and every error and warning by file and line")
    public RulesetView.Report validate(byte[] body) {
        return service.validate(reader.one(body, Bundle.class).files(), principal.get());
    }

    @POST
    @Path("/activate")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate uploaded files, a stored version or the folders on disk, if they pass validation and scenarios",
            description = "422 with every problem when refused; the active ruleset is then unchanged")
    public RulesetView.Activated activate(byte[] body) {
        ActivateBody request = reader.one(body, ActivateBody.class);
        RulesetService.Activation activation;
        if (request.files() != null) {
            activation = service.activate(request.files(), principal.get());
        } else if (request.version() != null) {
            activation = service.rollback(request.version(), principal.get());
        } else if ("disk".equals(request.from())) {
            activation = service.activateFromDisk(principal.get(), "disk");
        } else {
            throw ProblemException.invalid("$.files", "give files, a stored version, or from: \"disk\"");
        }
        return activated(activation);
    }

    @POST
    @Path("/{version}/rollback")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "Make a stored version live again (it is validated and its scenarios run first)")
    public RulesetView.Activated rollback(@PathParam("version") String version) {
        return activated(service.rollback(version, principal.get()));
    }

    @POST
    @Path("/replay")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay recorded alerts against a candidate; stores nothing",
            description = "One page of history, newest first; follow next. Filters: since, until, source, category, priority")
    public Replay.Result replay(byte[] body) {
        return replay.run(reader.one(body, Replay.Request.class));
    }

    @GET
    @Path("/shadow")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "The shadow version and how often it agrees with the live decisions")
    public ShadowService.Summary shadow() {
        return shadow.summary().orElseThrow(() -> ProblemException.notFound("No shadow ruleset"));
    }

    @POST
    @Path("/shadow")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a candidate beside the live ruleset on live traffic, storing shadow results only")
    public ShadowService.Summary startShadow(byte[] body) {
        Candidate candidate = reader.one(body, Candidate.class);
        return shadow.start(candidate.files(), candidate.version(), principal.get());
    }

    @POST
    @Path("/shadow/promote")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "Activate the shadow version (validation and scenarios first) and stop shadowing")
    public RulesetView.Activated promoteShadow() {
        return activated(shadow.promote(principal.get()));
    }

    @DELETE
    @Path("/shadow")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(summary = "Stop evaluating the shadow version; its results stay stored")
    public Response dropShadow() {
        return shadow.drop(principal.get()).map(v -> Response.noContent().build())
                .orElseThrow(() -> ProblemException.notFound("No shadow ruleset"));
    }

    private static RulesetView.Activated activated(RulesetService.Activation activation) {
        return new RulesetView.Activated(activation.version().version(), activation.previous(), activation.changed(), activation.version());
    }
}
