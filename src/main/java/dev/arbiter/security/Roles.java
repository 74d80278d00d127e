package dev.arbiter.security;

/** The roles a principal may hold; one principal may hold several. */
public final class Roles {

    /** Submit alerts, read the decisions it submitted. */
    public static final String INGEST = "ingest";
    /** Read decisions, dry-run. */
    public static final String ANALYST = "analyst";
    /** Vote on approvals. */
    public static final String APPROVER = "approver";
    /** Validate, activate and roll back rulesets. */
    public static final String RULE_AUTHOR = "rule-author";
    /** Read and export the audit log and verify it; read-only everywhere. */
    public static final String AUDITOR = "auditor";
    /** Keys, users, context data, kill switch. */
    public static final String ADMIN = "admin";

    /** Every role there is. */
    public static final java.util.Set<String> ALL = java.util.Set.of(INGEST, ANALYST, APPROVER, RULE_AUTHOR, AUDITOR, ADMIN);

    private Roles() {
    }
}
