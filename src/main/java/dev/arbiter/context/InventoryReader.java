package dev.arbiter.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.arbiter.common.JsonPaths;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;

/**
 * Reads inventory request bodies strictly (unknown fields, wrong types and duplicate keys are refused, as for
 * alerts) and validates them: one JSON object, a JSON array of rows, or CSV with a header row (Jackson's CSV
 * module, which handles quoting, embedded commas and line breaks and a byte-order mark).
 */
@ApplicationScoped
public class InventoryReader {

    private final ObjectMapper strict;
    private final CsvMapper csv = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .build();
    private final Validator validator;

    InventoryReader(ObjectMapper mapper, Validator validator) {
        this.strict = mapper.copy()
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
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        this.validator = validator;
    }

    /** One JSON object, valid, or a 400/422 problem naming each bad field by JSON path. */
    public <T> T one(byte[] body, Class<T> type) {
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw ProblemException.invalid("$", "must be a JSON object");
        }
        T value;
        try {
            value = strict.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw ProblemException.invalid(JsonPaths.of(e), describe(e));
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(value)) {
            errors.add(new Problem.FieldError(JsonPaths.ofViolation(violation), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
            throw ProblemException.invalid(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
        return value;
    }

    /** The body as a JSON tree, or 400. */
    public JsonNode tree(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw ProblemException.badRequest("The body is empty");
        }
        try {
            return strict.readTree(body);
        } catch (StreamReadException e) {
            throw ProblemException.badRequest("Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("Malformed JSON");
        }
    }

    /**
     * The elements of a JSON array as rows; errors are reported under the row number. A row that parsed but is
     * invalid is still returned, for checks across rows; the caller refuses the import when {@code errors} is not empty.
     */
    public <T> List<Row<T>> jsonRows(JsonNode array, Class<T> type, ImportErrors errors) {
        if (!array.isArray()) {
            throw ProblemException.invalid("$", "must be a JSON array of rows");
        }
        List<Row<T>> rows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            int row = i + 1;
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                errors.add(row, "$", "must be a JSON object");
                continue;
            }
            try {
                T value = strict.treeToValue(element, type);
                validate(row, value, errors);
                rows.add(new Row<>(row, value)); // invalid rows still take part in the cross-row checks

            } catch (JsonMappingException e) {
                errors.add(row, field(JsonPaths.of(e)), describe(e));
            } catch (IOException e) {
                errors.add(row, "$", "could not be read");
            }
        }
        return rows;
    }

    /**
     * CSV with a header row into one map per data row (column name to trimmed text; empty cells are absent).
     * Column names are matched exactly; an unknown or missing required column refuses the file.
     */
    public List<Row<Map<String, String>>> csvRows(byte[] body, Set<String> columns, Set<String> required, ImportErrors errors) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body is empty");
        }
        List<Row<Map<String, String>>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            boolean headerChecked = false;
            int row = 0;
            while (it.hasNextValue()) {
                Map<String, String> values = it.nextValue();
                row++;
                if (!headerChecked) {
                    headerChecked = true;
                    CsvSchema schema = (CsvSchema) it.getParserSchema();
                    List<String> header = new ArrayList<>();
                    schema.forEach(column -> header.add(column.getName()));
                    checkHeader(header, columns, required, errors);
                    if (!errors.isEmpty()) {
                        return rows;
                    }
                }
                Map<String, String> cells = new LinkedHashMap<>();
                values.forEach((key, value) -> {
                    if (value != null && !value.isBlank()) {
                        cells.put(key, value.trim());
                    }
                });
                rows.add(new Row<>(row, cells));
            }
        } catch (IOException | RuntimeException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : "is not valid CSV";
            errors.add(rows.size() + 1, "csv", "is not valid CSV: " + message);
        }
        return rows;
    }

    private static void checkHeader(List<String> header, Set<String> columns, Set<String> required, ImportErrors errors) {
        for (String name : header) {
            if (!columns.contains(name)) {
                errors.addRaw("header", "unknown column '" + name + "'; the columns are " + String.join(", ", columns));
            }
        }
        for (String name : required) {
            if (!header.contains(name)) {
                errors.addRaw("header", "the required column '" + name + "' is missing");
            }
        }
    }

    /** Bean Validation of one row, each violation reported under the row number. */
    public <T> boolean validate(int row, T value, ImportErrors errors) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        violations.stream()
                .map(v -> new Problem.FieldError(field(JsonPaths.ofViolation(v)), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .forEach(error -> errors.add(row, error.field(), error.message()));
        return violations.isEmpty();
    }

    /** {@code $.criticality} becomes {@code criticality} inside a row. */
    private static String field(String jsonPath) {
        return jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath;
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target == String.class) {
                return "must be a string";
            }
            if (target == Integer.class || target == int.class) {
                return "must be a whole number";
            }
            if (target == Boolean.class || target == boolean.class) {
                return "must be true or false";
            }
            if (java.util.Collection.class.isAssignableFrom(target)) {
                return "must be an array";
            }
            if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
                return "must be an RFC 3339 timestamp with a zone, such as 2026-12-31T00:00:00Z";
            }
        }
        if (e.getCause() instanceof java.time.DateTimeException) {
            return "must be an RFC 3339 timestamp with a zone, such as 2026-12-31T00:00:00Z";
        }
        return "is not valid here";
    }

    /** {@code sha256:} and the hex digest of an import body, so the audit log can name the exact file. */
    public static String digest(byte[] body) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One parsed row and its number. */
    public record Row<T>(int number, T value) {
    }
}
