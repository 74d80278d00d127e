package dev.arbiter.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.arbiter.common.JsonErrors;
import dev.arbiter.common.JsonPaths;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;

/**
 * Turns a request body into a valid {@link Alert}, or a problem naming every offending field by JSON path:
 * 413 over the size limit, 400 for text that is not JSON, 422 for JSON that is not a valid alert.
 */
@ApplicationScoped
public class AlertReader {

    private final ObjectReader reader;
    private final Validator validator;
    private final IntakeConfig config;

    AlertReader(ObjectMapper mapper, Validator validator, IntakeConfig config) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        // A string may still be a string.
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        this.reader = strict.readerFor(Alert.class);
        this.validator = validator;
        this.config = config;
    }

    /** Checks the size, parses and validates. */
    public Alert read(byte[] body) {
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "The body has " + body.length + " bytes; the limit is " + config.maxBodyBytes() + " bytes"));
        }
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ProblemException.badRequest("The body is empty; send the alert as a JSON object");
        }
        Alert alert = parse(body);
        validate(alert);
        return alert;
    }

    private Alert parse(byte[] body) {
        try {
            Alert alert = reader.readValue(body);
            if (alert == null) {
                throw ProblemException.invalid("$", "must be a JSON object");
            }
            return alert;
        } catch (StreamReadException e) {
            throw ProblemException.badRequest("Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw ProblemException.invalid(JsonPaths.of(e), JsonErrors.describe(e));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read");
        }
    }

    /**
     * Checks an alert built in code (for example mapped from another format) exactly as a submitted one: 422 naming
     * every offending field of the canonical alert.
     */
    public void validate(Alert alert) {
        List<Problem.FieldError> errors = violations(alert);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }

    /** Every constraint the alert breaks, by JSON path into the canonical alert, sorted; empty when it is valid. */
    public List<Problem.FieldError> violations(Alert alert) {
        Set<ConstraintViolation<Alert>> violations = validator.validate(alert);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Alert> violation : violations) {
            errors.add(new Problem.FieldError(JsonPaths.ofViolation(violation), violation.getMessage()));
        }
        Alert.Entities entities = alert.entitiesOrEmpty();
        List<Alert.Host> hosts = entities.hostsOrEmpty();
        for (int i = 0; i < hosts.size(); i++) {
            Alert.Host host = hosts.get(i);
            if (host != null && host.hostname() == null && host.ip() == null) {
                errors.add(new Problem.FieldError("$.entities.hosts[" + i + "]", "needs a hostname or an ip"));
            }
        }
        List<Alert.File> files = entities.filesOrEmpty();
        for (int i = 0; i < files.size(); i++) {
            Alert.File file = files.get(i);
            if (file != null && file.sha256() == null && file.md5() == null) {
                errors.add(new Problem.FieldError("$.entities.files[" + i + "]", "needs a sha256 or an md5"));
            }
        }
        if (entities.count() > config.maxEntities()) {
            errors.add(new Problem.FieldError("$.entities", "names " + entities.count() + " entities; at most "
                    + config.maxEntities() + " are accepted"));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return errors;
    }
}
