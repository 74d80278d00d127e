package dev.arbiter.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.ProblemException;
import dev.arbiter.decision.DecisionHistory;
import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.Ruleset;

/**
 * Replays recorded alerts against a candidate ruleset: each is assessed again from its stored alert, context snapshot
 * and decision time, and compared with the decision that was recorded. Reads only: nothing is stored, audited,
 * approved or dispatched. One call answers one page of history (newest first); the figures are that page's, a client
 * adds pages up by following {@code next}.
 *
 * <p>A decision whose actions a suppression silenced is compared on priority and score only; its actions count as
 * silenced on both sides, since suppression is not the ruleset's doing.
 */
@ApplicationScoped
public class Replay {

    private final RulesetService rulesets;
    private final DecisionHistory history;
    private final RulesetConfig config;

    Replay(RulesetService rulesets, DecisionHistory history, RulesetConfig config) {
        this.rulesets = rulesets;
        this.history = history;
        this.config = config;
    }

    /** The request: the candidate (files or a stored version) and which recorded alerts to replay. */
    public record Request(Map<String, String> files, String version, Instant since, Instant until, String source,
                          String category, String priority, Integer limit, String cursor) {
    }

    /** One side of a comparison. */
    public record Side(String rulesetVersion, String priority, int score, List<String> actions) {
    }

    /** An alert whose decision the candidate changes. */
    public record Change(UUID decisionId, UUID alertId, String source, String externalId, Instant decidedAt,
                         Side recorded, Side candidate) {
    }

    /** Added and removed actions of one type. */
    public record ActionDelta(int added, int removed) {
    }

    /** An alert the candidate could not assess, and why. */
    public record Failure(UUID decisionId, String message) {
    }

    /**
     * The outcome of one page.
     *
     * @param priorities recorded priority → candidate priority → number of alerts (unchanged ones included)
     * @param actions    per action type, how many the candidate adds and removes
     */
    public record Result(String candidateVersion, int evaluated, int changed, SortedMap<String, SortedMap<String, Integer>> priorities,
                         SortedMap<String, ActionDelta> actions, List<Change> changes, List<Failure> failures, String next) {
    }

    public Result run(Request request) {
        int limit = request.limit() != null ? request.limit() : 100;
        if (limit < 1 || limit > config.replayMaxLimit()) {
            throw ProblemException.invalid("$.limit", "must be between 1 and " + config.replayMaxLimit());
        }
        if (request.since() != null && request.until() != null && !request.since().isBefore(request.until())) {
            throw ProblemException.invalid("$.until", "must be after since");
        }
        Ruleset candidate = rulesets.build(rulesets.candidate(request.files(), request.version()));
        DecisionHistory.Page page = history.page(new DecisionHistory.Query(request.since(), request.until(),
                request.source(), request.category(), request.priority()), request.cursor(), limit);
        SortedMap<String, SortedMap<String, Integer>> matrix = new TreeMap<>();
        SortedMap<String, int[]> deltas = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (DecisionHistory.Recorded recorded : page.items()) {
            Assessment assessment;
            try {
                assessment = candidate.assess(recorded.input());
            } catch (RuntimeException e) {
                failures.add(new Failure(recorded.decisionId(), String.valueOf(e.getMessage())));
                continue;
            }
            List<String> after = recorded.suppressed() ? List.of()
                    : assessment.actions().stream().map(a -> a.type() + " " + a.target()).toList();
            matrix.computeIfAbsent(recorded.priority(), k -> new TreeMap<>()).merge(assessment.priority(), 1, Integer::sum);
            Set<String> before = new LinkedHashSet<>(recorded.actions());
            Set<String> now = new LinkedHashSet<>(after);
            for (String action : now) {
                if (!before.contains(action)) {
                    deltas.computeIfAbsent(type(action), k -> new int[2])[0]++;
                }
            }
            for (String action : before) {
                if (!now.contains(action)) {
                    deltas.computeIfAbsent(type(action), k -> new int[2])[1]++;
                }
            }
            if (!recorded.priority().equals(assessment.priority()) || recorded.score() != assessment.score() || !before.equals(now)) {
                changes.add(new Change(recorded.decisionId(), recorded.alertId(), recorded.source(), recorded.externalId(),
                        recorded.decidedAt(),
                        new Side(recorded.rulesetVersion(), recorded.priority(), recorded.score(), recorded.actions()),
                        new Side(candidate.version(), assessment.priority(), assessment.score(), after)));
            }
        }
        SortedMap<String, ActionDelta> actions = new TreeMap<>();
        deltas.forEach((type, counts) -> actions.put(type, new ActionDelta(counts[0], counts[1])));
        return new Result(candidate.version(), page.items().size() - failures.size(), changes.size(), matrix, actions,
                changes, failures, page.next());
    }

    private static String type(String action) {
        int space = action.indexOf(' ');
        return space > 0 ? action.substring(0, space) : action;
    }
}
