package dev.arbiter.intake.format;

import java.util.Map;

import dev.arbiter.intake.Alert;

/**
 * One alert mapped from a source document, or why it could not be.
 *
 * @param index    the alert's position in a document that carries several (Alertmanager), else null
 * @param alert    the canonical alert, null when {@code error} is set
 * @param origins  for each canonical field path the source field path it came from, to name the client's field
 *                 when the canonical alert is invalid
 * @param resolved true when the source reports the alert over rather than firing (Alertmanager {@code resolved})
 * @param error    why this alert of the document could not be mapped
 */
public record MappedAlert(Integer index, Alert alert, Map<String, String> origins, boolean resolved,
                          DocumentException error) {

    static MappedAlert failed(Integer index, DocumentException error) {
        return new MappedAlert(index, null, Map.of(), false, error);
    }

    /** The source field a canonical field was mapped from, or null. */
    public String originOf(String canonicalPath) {
        return origins.get(canonicalPath);
    }
}
