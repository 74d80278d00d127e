package dev.arbiter.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import dev.arbiter.decision.StoredAction;
import dev.arbiter.decision.StoredDecision;

/**
 * The decision log's search: by decision time, priority, action type, rule (a Drools rule that fired or a DMN row that
 * matched), the submitting principal and the ruleset version; newest first with a keyset cursor. The rule filter reads
 * the stored explanation text, so it is a scan over the time range: give a time range on large logs.
 */
@ApplicationScoped
@Transactional
public class DecisionSearch {

    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");

    private final EntityManager entities;

    DecisionSearch(EntityManager entities) {
        this.entities = entities;
    }

    /** What the auditor asked for, as typed; {@link #errors()} says what cannot be used. */
    public record Criteria(String since, String until, String priority, String action, String rule, String principal,
                           String ruleset) {

        public Criteria {
            since = trim(since);
            until = trim(until);
            priority = trim(priority);
            action = trim(action);
            rule = trim(rule);
            principal = trim(principal);
            ruleset = trim(ruleset);
        }

        /** Field → message for input that cannot be used; empty when the criteria are fine. */
        public Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (since != null && instant(since) == null) {
                errors.put("since", "From must be a date and time, such as 2026-11-28T02:00 (UTC) or 2026-11-28T02:00:00Z");
            }
            if (until != null && instant(until) == null) {
                errors.put("until", "To must be a date and time, such as 2026-11-28T03:00 (UTC) or 2026-11-28T03:00:00Z");
            }
            if (priority != null && !PRIORITIES.contains(priority)) {
                errors.put("priority", "Priority must be P1, P2, P3 or P4");
            }
            return errors;
        }

        /** The criteria as a query string, for the export link and the next page. */
        public String query() {
            StringBuilder query = new StringBuilder();
            append(query, "since", since);
            append(query, "until", until);
            append(query, "priority", priority);
            append(query, "action", action);
            append(query, "rule", rule);
            append(query, "principal", principal);
            append(query, "ruleset", ruleset);
            return query.toString();
        }

        /**
         * The same filter in the audit log's terms ({@code GET /api/v1/audit/export}): time, priority, action type,
         * principal and ruleset version; the audit log has no rule filter.
         */
        public String auditQuery() {
            StringBuilder query = new StringBuilder();
            append(query, "since", since != null && instant(since) != null ? instant(since).toString() : null);
            append(query, "until", until != null && instant(until) != null ? instant(until).toString() : null);
            append(query, "priority", priority);
            append(query, "actionType", action);
            append(query, "principal", principal);
            append(query, "rulesetVersion", ruleset);
            return query.toString();
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }

        private static String trim(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** One decision in the list. */
    public record Row(UUID id, Instant decidedAt, String source, String externalId, String title, String priority,
                      int riskScore, String riskLevel, String rulesetVersion, String principal, List<String> actions) {
    }

    /** One page; {@code nextCursor} is null on the last. */
    public record Page(List<Row> rows, String nextCursor) {
    }

    public Page search(Criteria criteria, String cursor, int limit) {
        StringBuilder where = new StringBuilder("a.id = d.alertId");
        Map<String, Object> params = new HashMap<>();
        if (criteria.since() != null) {
            where.append(" and d.decidedAt >= :since");
            params.put("since", instant(criteria.since()));
        }
        if (criteria.until() != null) {
            where.append(" and d.decidedAt < :until");
            params.put("until", instant(criteria.until()));
        }
        if (criteria.priority() != null) {
            where.append(" and d.priority = :priority");
            params.put("priority", criteria.priority());
        }
        if (criteria.action() != null) {
            where.append(" and d.id in (select d2.id from StoredDecision d2 join d2.actions x where x.type = :action)");
            params.put("action", criteria.action());
        }
        if (criteria.rule() != null) {
            where.append(" and lower(d.explanationJson) like :rule escape '\\'");
            params.put("rule", "%" + escapeLike(criteria.rule().toLowerCase(Locale.ROOT)) + "%");
        }
        if (criteria.principal() != null) {
            where.append(" and lower(d.principalName) like :principal escape '\\'");
            params.put("principal", "%" + escapeLike(criteria.principal().toLowerCase(Locale.ROOT)) + "%");
        }
        if (criteria.ruleset() != null) {
            String version = criteria.ruleset().startsWith("sha256:") ? criteria.ruleset() : "sha256:" + criteria.ruleset();
            where.append(" and d.rulesetVersion like :ruleset escape '\\'");
            params.put("ruleset", escapeLike(version) + "%");
        }
        Cursor after = Cursor.decode(cursor);
        if (after != null) {
            where.append(" and (d.decidedAt < :cursorTime or (d.decidedAt = :cursorTime and d.id < :cursorId))");
            params.put("cursorTime", after.decidedAt());
            params.put("cursorId", after.id());
        }
        TypedQuery<Object[]> query = entities.createQuery("select d, a.externalId, a.title from StoredDecision d, StoredAlert a where "
                + where + " order by d.decidedAt desc, d.id desc", Object[].class);
        params.forEach(query::setParameter);
        List<Object[]> found = query.setMaxResults(limit + 1).getResultList();
        boolean more = found.size() > limit;
        List<Row> rows = new ArrayList<>();
        for (Object[] hit : found.subList(0, Math.min(limit, found.size()))) {
            StoredDecision d = (StoredDecision) hit[0];
            rows.add(new Row(d.id, d.decidedAt, d.source, (String) hit[1], (String) hit[2], d.priority, d.riskScore,
                    d.riskLevel, d.rulesetVersion, d.principalName + " (" + d.principalKind + ")",
                    d.actions.stream().map(DecisionSearch::describe).toList()));
        }
        String next = more ? new Cursor(rows.get(rows.size() - 1).decidedAt(), rows.get(rows.size() - 1).id()).encode() : null;
        return new Page(rows, next);
    }

    /** The action types decisions have proposed, for the filter's suggestions. */
    public List<String> actionTypes() {
        return entities.createQuery("select distinct x.type from StoredAction x order by x.type", String.class).getResultList();
    }

    static String describe(StoredAction action) {
        return action.type + " " + action.target + " (" + action.status + ")";
    }

    /** Parses RFC 3339 with a zone, or a date and time without one (a browser's datetime-local field) taken as UTC. */
    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Where the next page starts: after this decision in newest-first order. */
    record Cursor(Instant decidedAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((decidedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
