package dev.arbiter.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * A decision as stored: risk, priority, explanation, the context snapshot it used, and who asked. What was decided is
 * written once: only the count of the alerts it stands for and when the latest arrived change (dedup), so an update
 * writes those two columns and not the JSON beside them, which PostgreSQL would otherwise compress and log again for
 * every attached alert (issue #9).
 */
@Entity
@Table(name = "decision")
public class StoredDecision {

    @Id
    public UUID id;

    @Column(name = "alert_id", nullable = false, updatable = false)
    public UUID alertId;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(name = "decided_at", nullable = false, updatable = false)
    public Instant decidedAt;

    @Column(name = "ruleset_version", nullable = false, updatable = false)
    public String rulesetVersion;

    @Column(name = "risk_score", nullable = false, updatable = false)
    public int riskScore;

    @Column(name = "risk_level", nullable = false, updatable = false)
    public String riskLevel;

    @Column(nullable = false, updatable = false)
    public String priority;

    @Column(name = "sla_minutes", nullable = false, updatable = false)
    public int slaMinutes;

    @Column(name = "factors_json", nullable = false, columnDefinition = "text", updatable = false)
    public String factorsJson;

    @Column(name = "explanation_json", nullable = false, columnDefinition = "text", updatable = false)
    public String explanationJson;

    @Column(name = "context_json", nullable = false, columnDefinition = "text", updatable = false)
    public String contextJson;

    /** The SSVC block of a vulnerability alert's decision; null for other alerts. */
    @Column(name = "ssvc_json", columnDefinition = "text", updatable = false)
    public String ssvcJson;

    @Column(name = "principal_kind", nullable = false, updatable = false)
    public String principalKind;

    @Column(name = "principal_id", nullable = false, updatable = false)
    public String principalId;

    @Column(name = "principal_name", nullable = false, updatable = false)
    public String principalName;

    /** Alerts with this fingerprint inside the dedup window attach to this decision; null when dedup is off. */
    @Column(updatable = false)
    public String fingerprint;

    /** How many alerts this decision stands for: 1, plus one per attached duplicate. */
    @Column(name = "occurrence_count", nullable = false)
    public int occurrenceCount = 1;

    /** When the latest of those alerts arrived. */
    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** The suppression that silenced this decision's actions, or null. */
    @Column(name = "suppression_id", updatable = false)
    public UUID suppressionId;

    @OneToMany(cascade = CascadeType.PERSIST)
    @JoinColumn(name = "decision_id", nullable = false, updatable = false)
    @OrderBy("position")
    public List<StoredAction> actions = new ArrayList<>();
}
