package dev.arbiter.ruleset;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the shadow ruleset concluded for one live decision, beside what the live ruleset concluded. */
@Entity
@Table(name = "ruleset_shadow_result")
public class ShadowResult {

    @Id
    public UUID id;

    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;

    @Column(name = "live_version", nullable = false)
    public String liveVersion;

    @Column(name = "shadow_version", nullable = false)
    public String shadowVersion;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(name = "same_priority", nullable = false)
    public boolean samePriority;

    @Column(name = "same_actions", nullable = false)
    public boolean sameActions;

    @Column(name = "live_priority", nullable = false)
    public String livePriority;

    @Column(name = "shadow_priority")
    public String shadowPriority;

    @Column(name = "live_score", nullable = false)
    public int liveScore;

    @Column(name = "shadow_score")
    public Integer shadowScore;

    @Column(name = "live_actions_json", nullable = false, columnDefinition = "text")
    public String liveActionsJson;

    @Column(name = "shadow_actions_json", columnDefinition = "text")
    public String shadowActionsJson;

    /** Why the shadow ruleset gave no answer, or null. */
    @Column
    public String error;
}
