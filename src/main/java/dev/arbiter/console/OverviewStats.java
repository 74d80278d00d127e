package dev.arbiter.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.common.ProblemException;

/**
 * Aggregates for the overview: alerts and decisions over time by priority, how many actions went out without a person,
 * how long approvers took, how many requests expired, and which rules fire most. Read-only queries over one window of
 * at most {@value #MAX_DAYS} days (both ends included, so "up to now" counts what happened now), bucketed by hour
 * (windows up to two days) or by day.
 */
@ApplicationScoped
@Transactional
public class OverviewStats {

    static final int MAX_DAYS = 31;
    /** Top rules are counted over at most this many of the window's latest decisions. */
    static final int RULE_SAMPLE = 5000;
    private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");

    private final EntityManager entities;
    private final Clock clock;
    private final ObjectMapper json;

    OverviewStats(EntityManager entities, Clock clock, ObjectMapper json) {
        this.entities = entities;
        this.clock = clock;
        this.json = json;
    }

    /** Actions by how they were gated: {@code automatic} went out without a person. */
    public record Automation(long actions, long automatic, long gated, Double rate) {

        /** The rate as people read it: "67 %", or "–" without actions. */
        public String percent() {
            return rate == null ? "–" : Math.round(rate * 100) + " %";
        }
    }

    /** Approval requests opened in the window and how long the decided ones took, in seconds. */
    public record Approvals(long opened, long approved, long rejected, long expired, long pending, long voided,
                            Long medianSeconds, Long p90Seconds, Long maxSeconds) {
    }

    /** A rule and how many decisions it fired in. */
    public record RuleCount(String rule, long decisions) {
    }

    /**
     * The overview of one window. {@code buckets} are the start times; {@code decisions} holds one series per priority
     * and {@code alerts} the alerts received (duplicates included), both aligned with {@code buckets}.
     */
    public record Overview(Instant since, Instant until, String bucket, List<Instant> buckets,
                           Map<String, List<Long>> decisions, List<Long> alerts, long totalDecisions, long totalAlerts,
                           Automation automation, Approvals approvals, List<RuleCount> topRules, int rulesSampled) {
    }

    /** The overview from {@code since} (default: a day before {@code until}) to {@code until} (default: now). */
    public Overview overview(Instant since, Instant until) {
        Instant end = until != null ? until : clock.instant();
        Instant start = since != null ? since : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("since", "must be before until");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ProblemException.invalid("since", "the window may span at most " + MAX_DAYS + " days");
        }
        ChronoUnit unit = Duration.between(start, end).compareTo(Duration.ofDays(2)) <= 0 ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        List<Instant> buckets = new ArrayList<>();
        for (Instant b = start.truncatedTo(unit); !b.isAfter(end); b = b.plus(1, unit)) {
            buckets.add(b);
        }
        Map<String, List<Long>> decisions = new LinkedHashMap<>();
        PRIORITIES.forEach(p -> decisions.put(p, zeros(buckets.size())));
        long totalDecisions = 0;
        for (Object[] row : entities.createQuery("select d.decidedAt, d.priority from StoredDecision d "
                + "where d.decidedAt >= :since and d.decidedAt <= :until", Object[].class)
                .setParameter("since", start).setParameter("until", end).getResultList()) {
            List<Long> series = decisions.get((String) row[1]);
            if (series != null) {
                increment(series, index(buckets, (Instant) row[0], unit));
                totalDecisions++;
            }
        }
        List<Long> alerts = zeros(buckets.size());
        long totalAlerts = 0;
        for (Instant received : entities.createQuery("select a.receivedAt from StoredAlert a "
                + "where a.receivedAt >= :since and a.receivedAt <= :until", Instant.class)
                .setParameter("since", start).setParameter("until", end).getResultList()) {
            increment(alerts, index(buckets, received, unit));
            totalAlerts++;
        }
        Rules rules = topRules(start, end);
        return new Overview(start, end, unit == ChronoUnit.HOURS ? "hour" : "day", buckets, decisions, alerts,
                totalDecisions, totalAlerts, automation(start, end), approvals(start, end), rules.rules(), rules.sampled());
    }

    private Automation automation(Instant start, Instant end) {
        long automatic = 0;
        long gated = 0;
        for (Object[] row : entities.createQuery("select x.gate, count(x) from StoredDecision d join d.actions x "
                + "where d.decidedAt >= :since and d.decidedAt <= :until group by x.gate", Object[].class)
                .setParameter("since", start).setParameter("until", end).getResultList()) {
            long count = (Long) row[1];
            if ("auto".equals(row[0])) {
                automatic += count;
            } else {
                gated += count;
            }
        }
        long actions = automatic + gated;
        return new Automation(actions, automatic, gated, actions == 0 ? null : (double) automatic / actions);
    }

    private Approvals approvals(Instant start, Instant end) {
        Map<String, Long> byStatus = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (Object[] row : entities.createQuery("select r.status, r.createdAt, r.resolvedAt from ApprovalRequest r "
                + "where r.createdAt >= :since and r.createdAt <= :until", Object[].class)
                .setParameter("since", start).setParameter("until", end).getResultList()) {
            String status = (String) row[0];
            byStatus.merge(status, 1L, Long::sum);
            if (("approved".equals(status) || "rejected".equals(status)) && row[2] != null) {
                latencies.add(Duration.between((Instant) row[1], (Instant) row[2]).getSeconds());
            }
        }
        latencies.sort(null);
        long opened = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Approvals(opened, byStatus.getOrDefault("approved", 0L), byStatus.getOrDefault("rejected", 0L),
                byStatus.getOrDefault("expired", 0L), byStatus.getOrDefault("pending", 0L), byStatus.getOrDefault("void", 0L),
                percentile(latencies, 50), percentile(latencies, 90), latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));
    }

    private record Rules(List<RuleCount> rules, int sampled) {
    }

    private Rules topRules(Instant start, Instant end) {
        List<String> explanations = entities.createQuery("select d.explanationJson from StoredDecision d "
                + "where d.decidedAt >= :since and d.decidedAt <= :until order by d.decidedAt desc", String.class)
                .setParameter("since", start).setParameter("until", end).setMaxResults(RULE_SAMPLE).getResultList();
        Map<String, Long> counts = new HashMap<>();
        for (String explanation : explanations) {
            try {
                for (JsonNode rule : json.readTree(explanation).path("firedRules")) {
                    counts.merge(rule.asText(), 1L, Long::sum);
                }
            } catch (JsonProcessingException e) {
                // an unreadable explanation counts for no rule
            }
        }
        List<RuleCount> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> new RuleCount(e.getKey(), e.getValue())).toList();
        return new Rules(top, explanations.size());
    }

    private static Long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static int index(List<Instant> buckets, Instant at, ChronoUnit unit) {
        return (int) unit.between(buckets.get(0), at.truncatedTo(unit));
    }

    private static void increment(List<Long> series, int index) {
        if (index >= 0 && index < series.size()) {
            series.set(index, series.get(index) + 1);
        }
    }

    private static List<Long> zeros(int size) {
        List<Long> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(0L);
        }
        return list;
    }
}
