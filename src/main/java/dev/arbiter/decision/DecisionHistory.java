package dev.arbiter.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.context.AlertContext;
import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.DecisionTime;
import dev.arbiter.engine.VulnerabilityFact;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.StoredAlert;

/**
 * Read-only access to recorded decisions with what they were computed from (the alert as received, the context
 * snapshot, the decision time and the vulnerability facts), for the ruleset feature's replay and shadow evaluation.
 * Never writes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class DecisionHistory {

    private final DecisionRepository decisions;
    private final ObjectMapper snapshots;

    DecisionHistory(DecisionRepository decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.snapshots = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Which decisions to read; every field may be null. {@code since} inclusive, {@code until} exclusive. */
    public record Query(Instant since, Instant until, String source, String category, String priority) {
    }

    /**
     * One recorded decision and the input to assess it again.
     *
     * @param actions    the stored actions as {@code type target}; empty when a suppression silenced them
     * @param suppressed whether an analyst's suppression silenced the decision's actions
     */
    public record Recorded(UUID decisionId, UUID alertId, String source, String externalId, String category,
                           Instant decidedAt, String rulesetVersion, int score, String priority, List<String> actions,
                           boolean suppressed, AssessmentInput input) {
    }

    /** A page, newest first; {@code next} is the cursor of the following page, null at the end. */
    public record Page(List<Recorded> items, String next) {
    }

    public Page page(Query query, String cursor, int limit) {
        StringBuilder where = new StringBuilder("select d, a from StoredDecision d, StoredAlert a where a.id = d.alertId");
        Map<String, Object> params = new HashMap<>();
        if (query.since() != null) {
            where.append(" and d.decidedAt >= :since");
            params.put("since", query.since());
        }
        if (query.until() != null) {
            where.append(" and d.decidedAt < :until");
            params.put("until", query.until());
        }
        if (query.source() != null) {
            where.append(" and d.source = :source");
            params.put("source", query.source());
        }
        if (query.category() != null) {
            where.append(" and a.category = :category");
            params.put("category", query.category());
        }
        if (query.priority() != null) {
            where.append(" and d.priority = :priority");
            params.put("priority", query.priority());
        }
        if (cursor != null) {
            DecisionCursor after = DecisionCursor.decode(cursor);
            where.append(" and (d.decidedAt < :cursorTime or (d.decidedAt = :cursorTime and d.id < :cursorId))");
            params.put("cursorTime", after.decidedAt());
            params.put("cursorId", after.id());
        }
        where.append(" order by d.decidedAt desc, d.id desc");
        var jpql = decisions.getEntityManager().createQuery(where.toString(), Object[].class);
        params.forEach(jpql::setParameter);
        List<Object[]> rows = jpql.setMaxResults(limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<Recorded> items = new ArrayList<>();
        for (Object[] row : more ? rows.subList(0, limit) : rows) {
            items.add(recorded((StoredDecision) row[0], (StoredAlert) row[1]));
        }
        String next = more ? DecisionCursor.of((StoredDecision) rows.get(limit - 1)[0]).encode() : null;
        return new Page(items, next);
    }

    public Optional<Recorded> find(UUID decisionId) {
        return decisions.findByIdOptional(decisionId)
                .map(d -> recorded(d, decisions.getEntityManager().find(StoredAlert.class, d.alertId)));
    }

    private Recorded recorded(StoredDecision decision, StoredAlert alert) {
        try {
            Alert canonical = snapshots.readValue(alert.rawJson, Alert.class);
            JsonNode snapshot = snapshots.readTree(decision.contextJson);
            AlertContext context = snapshots.treeToValue(snapshot.get("context"), AlertContext.class);
            DecisionTime time = snapshots.treeToValue(snapshot.get("decisionTime"), DecisionTime.class);
            List<VulnerabilityFact> cves = snapshot.hasNonNull("vulnerabilities")
                    ? snapshots.convertValue(snapshot.get("vulnerabilities"), new TypeReference<List<VulnerabilityFact>>() {
                    })
                    : List.of();
            AssessmentInput input = new AssessmentInput(DecisionService.toFact(canonical), context.hosts(), context.users(),
                    context.ips(), context.files(), context.history(), time, cves, context.domains(), context.urls());
            List<String> actions = decision.actions.stream().map(a -> a.type + " " + a.target).toList();
            return new Recorded(decision.id, decision.alertId, decision.source, alert.externalId, alert.category,
                    decision.decidedAt, decision.rulesetVersion, decision.riskScore, decision.priority, actions,
                    decision.suppressionId != null, input);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored decision " + decision.id + " cannot be read back", e);
        }
    }
}
