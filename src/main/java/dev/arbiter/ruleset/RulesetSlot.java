package dev.arbiter.ruleset;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which version fills a slot: {@code live} decides alerts, {@code shadow} is evaluated beside it. */
@Entity
@Table(name = "ruleset_slot")
public class RulesetSlot {

    public static final String LIVE = "live";
    public static final String SHADOW = "shadow";

    @Id
    public String slot;

    /** Null when the slot is empty. */
    @Column
    public String version;

    @Column(name = "changed_at")
    public Instant changedAt;
}
