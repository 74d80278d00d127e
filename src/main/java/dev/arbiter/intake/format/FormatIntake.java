package dev.arbiter.intake.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.DecisionView;
import dev.arbiter.intake.AlertReader;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.IntakeConfig;
import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.intake.StoredAlert;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes documents in the formats of {@link AlertFormats}: parses them, maps each alert, validates it exactly as a
 * canonical alert, and decides it through {@link DecisionService#submit} with the document as received kept as the
 * alert's raw JSON. A resolved alert records {@code alert.resolved} on the alert it closes instead of deciding. In a
 * batch every line stands alone: a bad line is a rejected result, never a failed batch.
 */
@ApplicationScoped
public class FormatIntake {

    private static final Logger LOG = Logger.getLogger(FormatIntake.class);

    private final AlertFormats formats;
    private final AlertReader validator;
    private final DecisionService decisions;
    private final AlertRepository alerts;
    private final AuditLog audit;
    private final AuditRepository auditEvents;
    private final IntakeConfig config;
    private final ObjectReader json;
    private final CurrentPrincipal current;

    FormatIntake(AlertFormats formats, AlertReader validator, DecisionService decisions, AlertRepository alerts,
                 AuditLog audit, AuditRepository auditEvents, IntakeConfig config, ObjectMapper mapper,
                 CurrentPrincipal current) {
        this.current = current;
        this.formats = formats;
        this.validator = validator;
        this.decisions = decisions;
        this.alerts = alerts;
        this.audit = audit;
        this.auditEvents = auditEvents;
        this.config = config;
        this.json = mapper.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .reader();
    }

    /**
     * The answer to one JSON document: the decision (and whether it is new) for a one-alert format, per-alert
     * results for a format that carries several.
     */
    public record Submitted(DecisionView decision, boolean created, BatchResult results) {
    }

    /** One alert's outcome, with its decision when there is one. */
    private record Decided(IntakeResult result, DecisionView decision) {
    }

    /** One JSON document; any problem with it (or, for a one-alert format, with its alert) is thrown. */
    public Submitted submit(String formatName, byte[] body) {
        AlertFormat format = formats.require(formatName);
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "The body has " + body.length + " bytes; the limit is " + config.maxBodyBytes() + " bytes"));
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        if (raw.isBlank()) {
            throw ProblemException.badRequest("The body is empty; send the " + format.name() + " document as JSON");
        }
        List<Decided> decided = decide(format, parse(format, raw), raw);
        if (format.manyPerDocument()) {
            return new Submitted(null, false, BatchResult.of(format.name(), 1, decided.stream().map(Decided::result).toList()));
        }
        Decided only = decided.get(0);
        if (only.result().problem() != null) {
            throw new ProblemException(only.result().problem());
        }
        return new Submitted(only.decision(), IntakeResult.CREATED.equals(only.result().status()), null);
    }

    /** An {@code application/x-ndjson} batch: one document of the format per line, each decided on its own. */
    public BatchResult submitBatch(String formatName, byte[] body) {
        AlertFormat format = formats.require(formatName);
        if (body.length > config.maxBatchBytes()) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "The batch has " + body.length + " bytes; the limit is " + config.maxBatchBytes() + " bytes"));
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        int documents = 0;
        for (String line : lines) {
            documents += line.isBlank() ? 0 : 1;
        }
        if (documents == 0) {
            throw ProblemException.badRequest("The batch is empty; send one " + format.name() + " document per line");
        }
        if (documents > config.maxBatchLines()) {
            throw new ProblemException(Problem.of(413, "batch-too-large", "Batch too large",
                    "The batch has " + documents + " documents; the limit is " + config.maxBatchLines()
                            + " per request: split it"));
        }
        List<IntakeResult> results = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            for (IntakeResult result : line(format, line)) {
                results.add(result.atLine(number));
            }
        }
        return BatchResult.of(format.name(), documents, results);
    }

    private List<IntakeResult> line(AlertFormat format, String line) {
        try {
            int bytes = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > config.maxBodyBytes()) {
                throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                        "The line has " + bytes + " bytes; the limit is " + config.maxBodyBytes() + " bytes"));
            }
            return decide(format, parse(format, line), line).stream().map(Decided::result).toList();
        } catch (ProblemException e) {
            return List.of(rejected(null, e.problem()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure deciding a %s batch line", format.name());
            return List.of(rejected(null, Problem.of(500, "internal-error", "Internal error",
                    "This line could not be completed; nothing was stored for it. The failure is logged.")));
        }
    }

    private JsonNode parse(AlertFormat format, String text) {
        JsonNode document;
        try {
            document = json.readTree(text);
        } catch (StreamReadException e) {
            throw ProblemException.badRequest("Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read");
        }
        if (document == null || !document.isObject()) {
            throw invalid(format, List.of(new Problem.FieldError("$", "must be a JSON object")));
        }
        return document;
    }

    private List<Decided> decide(AlertFormat format, JsonNode document, String raw) {
        List<MappedAlert> mapped;
        try {
            mapped = format.map(document);
        } catch (DocumentException e) {
            throw new ProblemException(problem(format, e));
        }
        List<Decided> decided = new ArrayList<>(mapped.size());
        for (MappedAlert alert : mapped) {
            decided.add(decide(format, alert, raw));
        }
        return decided;
    }

    private Decided decide(AlertFormat format, MappedAlert mapped, String raw) {
        if (mapped.error() != null) {
            return new Decided(rejected(mapped.index(), problem(format, mapped.error())), null);
        }
        if (mapped.resolved()) {
            return new Decided(resolve(mapped), null);
        }
        List<Problem.FieldError> violations = validator.violations(mapped.alert());
        if (!violations.isEmpty()) {
            return new Decided(rejected(mapped.index(), invalid(format, inDocument(mapped, violations)).problem()), null);
        }
        try {
            DecisionService.Submission submission = decisions.submit(mapped.alert(), raw, current.get());
            DecisionView decision = submission.decision();
            return new Decided(new IntakeResult(null, mapped.index(),
                    submission.created() ? IntakeResult.CREATED : IntakeResult.EXISTING, mapped.alert().source(),
                    mapped.alert().externalId(), decision.id(), decision.priority(), null), decision);
        } catch (ProblemException e) {
            return new Decided(rejected(mapped.index(), e.problem()), null);
        }
    }

    /**
     * A resolved alert: nothing is decided. If Arbiter decided the alert before, {@code alert.resolved} is recorded
     * on it (once) and the decision is reported.
     */
    private IntakeResult resolve(MappedAlert mapped) {
        String source = mapped.alert().source();
        String externalId = mapped.alert().externalId();
        Optional<StoredAlert> stored = alerts.findBySourceAndExternalId(source, externalId);
        Optional<DecisionView> decision = decisions.findFor(source, externalId);
        if (stored.isPresent() && decision.isPresent()) {
            String alertId = stored.get().id.toString();
            QuarkusTransaction.requiringNew().run(() -> {
                boolean recorded = auditEvents.forSubject(alertId).stream()
                        .anyMatch(event -> AuditLog.ALERT_RESOLVED.equals(event.type));
                if (!recorded) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("alertId", alertId);
                    payload.put("decisionId", decision.get().id().toString());
                    payload.put("source", source);
                    payload.put("externalId", externalId);
                    audit.append(current.get(), AuditLog.ALERT_RESOLVED, alertId, payload);
                }
            });
        }
        return new IntakeResult(null, mapped.index(), IntakeResult.RESOLVED, source, externalId,
                decision.map(DecisionView::id).orElse(null), decision.map(DecisionView::priority).orElse(null), null);
    }

    /** Canonical validation errors named by the document's own fields where the mapping knows them. */
    private static List<Problem.FieldError> inDocument(MappedAlert mapped, List<Problem.FieldError> violations) {
        List<Problem.FieldError> errors = new ArrayList<>(violations.size());
        for (Problem.FieldError violation : violations) {
            String origin = mapped.originOf(violation.field());
            errors.add(origin != null
                    ? new Problem.FieldError(origin, violation.message() + " (mapped to " + violation.field() + ")")
                    : new Problem.FieldError(violation.field(), violation.message() + " (in the mapped canonical alert)"));
        }
        return errors;
    }

    private static IntakeResult rejected(Integer index, Problem problem) {
        return new IntakeResult(null, index, IntakeResult.REJECTED, null, null, null, null, problem);
    }

    static Problem problem(AlertFormat format, DocumentException e) {
        Problem.FieldError error = new Problem.FieldError(e.field(), e.reason());
        if (e.kind() == DocumentException.Kind.UNSUPPORTED) {
            return Problem.of(422, "unsupported-event-type", "Unsupported event type",
                    "This " + format.name() + " document is not an alert Arbiter decides: " + e.field() + " "
                            + e.reason()).withErrors(List.of(error));
        }
        return invalid(format, List.of(error)).problem();
    }

    private static ProblemException invalid(AlertFormat format, List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.of(422, "invalid-document", "Invalid document",
                "Not a valid " + format.name() + " alert: " + detail).withErrors(errors));
    }
}
