package dev.arbiter.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.AuditEvent;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.decision.DecisionRepository;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.DecisionView;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.StoredAlert;

/**
 * A decision told for people: the alert, its entities with what the inventory said about them when it was decided,
 * the risk factors and the rows that matched, and the events recorded about it. Read-only.
 */
@ApplicationScoped
@Transactional
public class Stories {

    private final DecisionService decisions;
    private final DecisionRepository stored;
    private final AlertRepository alerts;
    private final AuditRepository audit;
    private final ObjectMapper json;

    Stories(DecisionService decisions, DecisionRepository stored, AlertRepository alerts, AuditRepository audit, ObjectMapper json) {
        this.decisions = decisions;
        this.stored = stored;
        this.alerts = alerts;
        this.audit = audit;
        this.json = json;
    }

    /** The alert as people read it. */
    public record AlertInfo(UUID id, String title, String category, String severity, String source, String externalId,
                            Instant occurredAt, Instant receivedAt, String submittedBy) {
    }

    /** One recorded audit event about the decision or one of its approvals, in the order recorded. */
    public record Event(long seq, Instant at, String type, String principal, String subject, String payload) {
    }

    /** A decision with its alert and the entities in context. */
    public record Story(DecisionView decision, AlertInfo alert, List<String> entities) {

        /** "P1 · critical risk 100". */
        public String headline() {
            return decision.priority() + " · " + decision.risk().level() + " risk " + decision.risk().score();
        }
    }

    public Optional<Story> of(UUID decisionId) {
        return stored.findByIdOptional(decisionId).flatMap(decision -> decisions.find(decisionId).map(view -> {
            StoredAlert alert = alerts.findById(decision.alertId);
            AlertInfo info = new AlertInfo(alert.id, alert.title, alert.category, alert.severity, alert.source,
                    alert.externalId, alert.occurredAt, alert.receivedAt, decision.principalName + " (" + decision.principalKind + ")");
            return new Story(view, info, entities(decision));
        }));
    }

    /** Events about the decision, its alert and its approvals, by sequence. */
    public List<Event> events(Story story) {
        List<String> subjects = new ArrayList<>();
        subjects.add(story.decision().id().toString());
        subjects.add(story.alert().id().toString());
        story.decision().actions().stream().filter(a -> a.approvalId() != null).forEach(a -> subjects.add(a.approvalId().toString()));
        return audit.list("subjectId in ?1 order by seq", subjects).stream().map(Stories::event).toList();
    }

    private static Event event(AuditEvent e) {
        return new Event(e.seq, e.occurredAt, e.type, e.principalName + " (" + e.principalKind + ")", e.subjectId, e.payload);
    }

    /** One line per entity with what the decision's context snapshot knew about it. */
    List<String> entities(StoredDecision decision) {
        List<String> lines = new ArrayList<>();
        JsonNode context;
        try {
            context = json.readTree(decision.contextJson).path("context");
        } catch (JsonProcessingException e) {
            return List.of("the context snapshot cannot be read");
        }
        for (JsonNode host : context.path("hosts")) {
            String name = text(host, "hostname", text(host, "ip", "?"));
            String ip = host.hasNonNull("ip") && host.hasNonNull("hostname") ? " (" + host.get("ip").asText() + ")" : "";
            lines.add("host " + name + ip + ": " + (host.path("known").asBoolean()
                    ? join(text(host, "criticality", null), text(host, "environment", null),
                            host.hasNonNull("exposure") ? "exposure " + host.get("exposure").asText() : null)
                    : "not in the inventory"));
        }
        for (JsonNode user : context.path("users")) {
            lines.add("account " + text(user, "name", "?") + ": " + (user.path("known").asBoolean()
                    ? join(user.path("privileged").asBoolean() ? "privileged" : "not privileged",
                            user.path("serviceAccount").asBoolean() ? "service account" : null,
                            user.path("vip").asBoolean() ? "VIP" : null)
                    : "not in the inventory"));
        }
        for (JsonNode ip : context.path("ips")) {
            lines.add("IP " + text(ip, "address", "?") + ": " + join(text(ip, "direction", null),
                    ip.path("external").asBoolean() ? "external" : "internal",
                    ip.hasNonNull("intelSource") ? "known bad (" + ip.get("intelSource").asText() + ")" : null));
        }
        for (JsonNode file : context.path("files")) {
            lines.add("file " + text(file, "sha256", "?") + ": "
                    + (file.hasNonNull("intelSource") ? "known bad (" + file.get("intelSource").asText() + ")" : "no intel"));
        }
        for (JsonNode history : context.path("history")) {
            lines.add("history of " + text(history, "kind", "?") + " " + text(history, "entity", "?") + ": "
                    + history.path("priorAlerts").asInt() + " earlier alerts in " + history.path("windowHours").asInt()
                    + " h, accumulated risk " + history.path("accumulatedRisk").asInt());
        }
        return lines;
    }

    private static String text(JsonNode node, String field, String otherwise) {
        return node.hasNonNull(field) ? node.get(field).asText() : otherwise;
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return present.isEmpty() ? "known, nothing notable" : String.join(", ", present);
    }
}
