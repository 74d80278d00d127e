package dev.arbiter.context;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a bulk import did: rows read, rows that created or updated an item, and (STIX bundles only) objects left
 * out with the reason, which are not errors.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImportResult(int rows, int created, int updated, List<Skipped> skipped) {

    /** An object of the import that was not imported, and why. */
    public record Skipped(String object, String id, String reason) {
    }
}
