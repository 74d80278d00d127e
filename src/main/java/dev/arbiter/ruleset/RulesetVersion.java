package dev.arbiter.ruleset;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored ruleset version: its files (scenarios included), what validation found, who submitted it, its status. */
@Entity
@Table(name = "ruleset_version")
public class RulesetVersion {

    public static final String VALIDATED = "validated";
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";
    public static final String REFUSED = "refused";
    public static final String SHADOW = "shadow";

    @Id
    public String version;

    @Column(nullable = false)
    public String status;

    @Column(name = "files_json", nullable = false, columnDefinition = "text")
    public String filesJson;

    @Column(name = "problems_json", nullable = false, columnDefinition = "text")
    public String problemsJson;

    @Column(name = "scenarios_total", nullable = false)
    public int scenariosTotal;

    @Column(name = "scenarios_passed", nullable = false)
    public int scenariosPassed;

    @Column(name = "author_kind", nullable = false)
    public String authorKind;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "status_at", nullable = false)
    public Instant statusAt;

    @Column(name = "status_by_name", nullable = false)
    public String statusByName;
}
