package dev.arbiter.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The alert as rules see it: what the detector said, without entities (those are separate facts).
 * Techniques match by prefix, so a rule on {@code T1059} also fires for {@code T1059.001}.
 */
public final class AlertFact {

    private final String source;
    private final String externalId;
    private final String title;
    private final String category;
    private final String severity;
    private final int confidence;
    private final Instant occurredAt;
    private final Set<String> tactics;
    private final Set<String> techniques;
    private final Map<String, String> attributes;

    public AlertFact(String source, String externalId, String title, String category, String severity, int confidence,
                     Instant occurredAt, Set<String> tactics, Set<String> techniques, Map<String, String> attributes) {
        this.source = Objects.requireNonNull(source, "source");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.title = Objects.requireNonNull(title, "title");
        this.category = Objects.requireNonNull(category, "category");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.confidence = confidence;
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        this.tactics = Set.copyOf(tactics);
        this.techniques = Set.copyOf(techniques);
        this.attributes = Map.copyOf(attributes);
    }

    public String getSource() {
        return source;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getTitle() {
        return title;
    }

    public String getCategory() {
        return category;
    }

    public String getSeverity() {
        return severity;
    }

    public int getConfidence() {
        return confidence;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Set<String> getTactics() {
        return tactics;
    }

    public Set<String> getTechniques() {
        return techniques;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    /** Whether the alert names this ATT&CK tactic id (e.g. {@code TA0010}). */
    public boolean hasTactic(String tacticId) {
        return tactics.contains(tacticId);
    }

    /** Whether the alert names this ATT&CK technique or one of its sub-techniques ({@code T1003} matches {@code T1003.001}). */
    public boolean hasTechnique(String techniqueId) {
        for (String technique : techniques) {
            if (technique.equals(techniqueId) || technique.startsWith(techniqueId + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The alert's techniques that are this technique or one of its sub-techniques, sorted, for reasons. */
    public List<String> techniquesMatching(String techniqueId) {
        return techniques.stream()
                .filter(technique -> technique.equals(techniqueId) || technique.startsWith(techniqueId + "."))
                .sorted()
                .toList();
    }

    /** Techniques as a list, for messages. */
    public List<String> techniqueList() {
        return techniques.stream().sorted().toList();
    }
}
