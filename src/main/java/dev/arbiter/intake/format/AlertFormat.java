package dev.arbiter.intake.format;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One external alert format: maps a document exactly as the tool emits it onto canonical alerts. Plain Java: no
 * CDI, no I/O, so a unit test can call it directly.
 */
public interface AlertFormat {

    /** The name in {@code POST /api/v1/intake/{format}}. */
    String name();

    /**
     * Maps one document. Most formats carry one alert per document; an Alertmanager notification carries several,
     * each mapped (or failed) on its own. A document that is wrong as a whole throws {@link DocumentException}.
     */
    List<MappedAlert> map(JsonNode document);

    /** Whether one document carries several alerts, so the API answers with per-alert results, not a decision. */
    default boolean manyPerDocument() {
        return false;
    }
}
