package dev.arbiter.intake.format;

import java.util.List;

/**
 * The answer to a batch (or an Alertmanager notification): a result per alert, in input order, and how many
 * ended which way.
 *
 * @param documents the documents read (non-blank lines of a batch; 1 for a single notification)
 */
public record BatchResult(String format, int documents, int created, int existing, int resolved, int rejected,
                          List<IntakeResult> results) {

    static BatchResult of(String format, int documents, List<IntakeResult> results) {
        return new BatchResult(format, documents, count(results, IntakeResult.CREATED),
                count(results, IntakeResult.EXISTING), count(results, IntakeResult.RESOLVED),
                count(results, IntakeResult.REJECTED), List.copyOf(results));
    }

    private static int count(List<IntakeResult> results, String status) {
        return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }
}
