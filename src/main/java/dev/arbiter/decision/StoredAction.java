package dev.arbiter.decision;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One response action of a decision, with its status. */
@Entity
@Table(name = "decision_action")
public class StoredAction {

    /** High-impact actions wait for a person. */
    public static final String PENDING_APPROVAL = "pending-approval";
    /** Low- and medium-impact actions are queued for dispatch without approval. */
    public static final String QUEUED = "queued";

    @Id
    public UUID id;

    /** The status an action starts in: high impact waits for approval, the rest is queued. */
    public static String initialStatus(String impact) {
        return "high".equals(impact) ? PENDING_APPROVAL : QUEUED;
    }

    @Column(nullable = false)
    public int position;

    @Column(name = "action_type", nullable = false)
    public String type;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String impact;

    @Column(nullable = false)
    public String status;

    @Column(name = "dmn_rule", nullable = false)
    public String dmnRule;
}
