package dev.arbiter.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.engine.Ruleset;
import dev.arbiter.ruleset.ActiveRuleset;
import dev.arbiter.security.CurrentPrincipal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The rulesets page: the ruleset this replica decides with (always known), and — from the ruleset feature's API, once
 * it is on the server — the stored versions, the active one, and a replay form whose priority change matrix drills
 * down into the changed alerts.
 */
@Path("/console/rulesets")
@Produces(MediaType.TEXT_HTML)
public class RulesetsResource {

    /** What this replica loaded. */
    public record Loaded(String version, int rules, List<String> models) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rulesets(Viewer viewer, Loaded loaded);
    }

    private final ActiveRuleset active;
    private final CurrentPrincipal current;

    RulesetsResource(ActiveRuleset active, CurrentPrincipal current) {
        this.active = active;
        this.current = current;
    }

    @GET
    @Operation(hidden = true)
    public Response rulesets() {
        Viewer viewer = Viewer.of(current);
        if (!viewer.rulesets()) {
            return ConsoleResource.forbidden(viewer, "Rulesets are for rule authors, auditors and admins.");
        }
        Ruleset ruleset = active.get();
        Loaded loaded = new Loaded(ruleset.version(), ruleset.ruleNames().size(),
                ruleset.dmnModels().stream().map(m -> m.getName()).sorted().toList());
        return Response.ok(Templates.rulesets(viewer, loaded)).build();
    }
}
