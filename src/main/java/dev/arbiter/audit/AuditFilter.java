package dev.arbiter.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an auditor searches or exports by; every field is optional. {@code type} ending in {@code *} is a prefix
 * ({@code approval.*}); {@code principal} matches the principal's id or name; {@code decisionId} matches events
 * about the decision (its subject, or the decision named in the payload); the chain-index range is inclusive.
 */
public record AuditFilter(Instant since, Instant until, String type, String principal, String subject,
                          String decisionId, String priority, String actionType, String rulesetVersion,
                          Long fromIndex, Long toIndex) {

    /** Only a chain-index range: an export of it is verifiable on its own. */
    public boolean chainOnly() {
        return since == null && until == null && type == null && principal == null && subject == null
                && decisionId == null && priority == null && actionType == null && rulesetVersion == null;
    }

    /** The JPQL conditions (after "where 1 = 1") and their parameters. */
    String where(Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        if (since != null) {
            where.append(" and occurredAt >= :since");
            params.put("since", since);
        }
        if (until != null) {
            where.append(" and occurredAt < :until");
            params.put("until", until);
        }
        if (type != null) {
            if (type.endsWith("*")) {
                where.append(" and type like :type");
                params.put("type", type.substring(0, type.length() - 1).replace("%", "").replace("_", "\\_") + "%");
            } else {
                where.append(" and type = :type");
                params.put("type", type);
            }
        }
        if (principal != null) {
            where.append(" and (principalId = :principal or principalName = :principal)");
            params.put("principal", principal);
        }
        if (subject != null) {
            where.append(" and subjectId = :subject");
            params.put("subject", subject);
        }
        if (decisionId != null) {
            where.append(" and (decisionId = :decisionId or subjectId = :decisionId)");
            params.put("decisionId", decisionId);
        }
        if (priority != null) {
            where.append(" and priority = :priority");
            params.put("priority", priority);
        }
        if (actionType != null) {
            where.append(" and actionType = :actionType");
            params.put("actionType", actionType);
        }
        if (rulesetVersion != null) {
            where.append(" and rulesetVersion = :rulesetVersion");
            params.put("rulesetVersion", rulesetVersion);
        }
        if (fromIndex != null) {
            where.append(" and chainIndex >= :fromIndex");
            params.put("fromIndex", fromIndex);
        }
        if (toIndex != null) {
            where.append(" and chainIndex <= :toIndex");
            params.put("toIndex", toIndex);
        }
        return where.toString();
    }

    static Map<String, Object> params() {
        return new LinkedHashMap<>();
    }
}
