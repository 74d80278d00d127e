package dev.arbiter.console;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.arbiter.security.CurrentPrincipal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The decision log: search, one decision's story and history, and a CSV export of a search for auditors. */
@Path("/console/decisions")
@Produces(MediaType.TEXT_HTML)
public class DecisionLogResource {

    static final int PAGE = 50;
    private static final int EXPORT_PAGE = 500;
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema EXPORT = CsvSchema.builder().addColumn("decisionId").addColumn("decidedAt")
            .addColumn("source").addColumn("externalId").addColumn("title").addColumn("priority").addColumn("riskScore")
            .addColumn("riskLevel").addColumn("rulesetVersion").addColumn("submittedBy").addColumn("actions")
            .build().withHeader();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance decisions(Viewer viewer, DecisionSearch.Criteria criteria, Map<String, String> errors,
                                                 DecisionSearch.Page result, List<String> actionTypes);

        static native TemplateInstance decision(Viewer viewer, Stories.Story story, List<Stories.Event> events);
    }

    private final DecisionSearch search;
    private final Stories stories;
    private final CurrentPrincipal current;

    DecisionLogResource(DecisionSearch search, Stories stories, CurrentPrincipal current) {
        this.search = search;
        this.stories = stories;
        this.current = current;
    }

    @GET
    @Operation(hidden = true)
    public Response decisions(@QueryParam("since") String since, @QueryParam("until") String until,
                              @QueryParam("priority") String priority, @QueryParam("action") String action,
                              @QueryParam("rule") String rule, @QueryParam("principal") String principal,
                              @QueryParam("ruleset") String ruleset, @QueryParam("cursor") String cursor) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.log()) {
            return ConsoleResource.forbidden(viewer, "The decision log is for analysts, approvers and auditors.");
        }
        DecisionSearch.Criteria criteria = new DecisionSearch.Criteria(since, until, priority, action, rule, principal, ruleset);
        Map<String, String> errors = criteria.errors();
        DecisionSearch.Page result = errors.isEmpty() ? search.search(criteria, cursor, PAGE) : new DecisionSearch.Page(List.of(), null);
        return Response.status(errors.isEmpty() ? 200 : 400)
                .entity(Templates.decisions(viewer, criteria, errors, result, search.actionTypes())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Response decision(@PathParam("id") String id) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.log()) {
            return ConsoleResource.forbidden(viewer, "Decisions are for analysts, approvers and auditors.");
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound(viewer, id);
        }
        return stories.of(uuid)
                .map(story -> Response.ok(Templates.decision(viewer, story, stories.events(story))).build())
                .orElseGet(() -> notFound(viewer, id));
    }

    /** Every decision the search finds, as CSV, streamed page by page; for auditors. */
    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response export(@QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("priority") String priority, @QueryParam("action") String action,
                           @QueryParam("rule") String rule, @QueryParam("principal") String principal,
                           @QueryParam("ruleset") String ruleset) {
        Viewer viewer = Viewer.of(current);
        if (!viewer.export()) {
            return ConsoleResource.forbidden(viewer, "Exports are for auditors.");
        }
        DecisionSearch.Criteria criteria = new DecisionSearch.Criteria(since, until, priority, action, rule, principal, ruleset);
        if (!criteria.errors().isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(String.join("\n", criteria.errors().values())).build();
        }
        StreamingOutput body = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            try (SequenceWriter rows = CSV.writer(EXPORT).writeValues(writer)) {
                String cursor = null;
                do {
                    DecisionSearch.Page page = search.search(criteria, cursor, EXPORT_PAGE);
                    for (DecisionSearch.Row row : page.rows()) {
                        rows.write(List.of(row.id().toString(), row.decidedAt().toString(), row.source(), row.externalId(),
                                row.title(), row.priority(), String.valueOf(row.riskScore()), row.riskLevel(),
                                row.rulesetVersion(), row.principal(), String.join("; ", row.actions())));
                    }
                    cursor = page.nextCursor();
                } while (cursor != null);
            }
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"arbiter-decisions.csv\"").build();
    }

    private static Response notFound(Viewer viewer, String id) {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(ConsoleResource.Templates.message(viewer, "No such decision", "There is no decision with id " + id + ".")).build();
    }
}
