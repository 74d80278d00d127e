package dev.arbiter.audit.chain;

/**
 * What verification found.
 *
 * @param ok                  true when no check failed
 * @param events              sealed events checked
 * @param checkpoints         checkpoints whose signature and head were checked
 * @param unsealed            events not sealed yet (not part of the chain, not checked)
 * @param firstIndex          the first chain index checked (null when none)
 * @param lastIndex           the last chain index checked (null when none)
 * @param anchorIndex         the checkpoint the chain was verified from (0: from the first event, null: no anchor)
 * @param lastCheckpointIndex the last checkpoint matched; events after it are chained but not yet signed
 * @param brokenIndex         the first chain index that failed (null when ok)
 * @param reason              hash-mismatch, prev-hash-mismatch, gap, duplicate-index, bad-signature,
 *                            checkpoint-mismatch, truncated, malformed (null when ok)
 * @param detail              a sentence for a person
 */
public record VerifyResult(boolean ok, long events, long checkpoints, long unsealed, Long firstIndex, Long lastIndex,
                           Long anchorIndex, Long lastCheckpointIndex, Long brokenIndex, String reason, String detail) {
}
