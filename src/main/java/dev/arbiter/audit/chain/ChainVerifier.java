package dev.arbiter.audit.chain;

import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Recomputes the chain from events and checkpoints fed in chain order, and stops at the first broken index. Used by
 * the API (events from the database) and the offline verifier (events from an export). Plain Java, one per run.
 *
 * <p>The chain starts either at index 1 after {@link ChainCodec#GENESIS}, or right after an <em>anchor</em>: a
 * correctly signed checkpoint fed before any event (the retained boundary after retention, or the checkpoint before
 * a range). Without either, the first event's previous hash is taken as given and only what follows is proven.
 * A checkpoint is compared with the chain when the chain reaches its index; one the chain never reaches means the
 * log was cut short ("truncated").
 */
public final class ChainVerifier {

    private final ChainCodec codec = new ChainCodec();
    private final PublicKey publicKey;
    private final TreeMap<Long, ChainCheckpoint> pending = new TreeMap<>();

    private String head;
    private Long lastIndex;
    private Long firstIndex;
    private Long anchorIndex;
    private Long lastCheckpointIndex;
    private long events;
    private long checkpoints;
    private long unsealed;
    private VerifyResult failure;

    public ChainVerifier(PublicKey publicKey) {
        this.publicKey = Objects.requireNonNull(publicKey);
    }

    public boolean failed() {
        return failure != null;
    }

    /** A checkpoint, in chain order (after the event at its index). Returns false once verification has failed. */
    public boolean checkpoint(ChainCheckpoint checkpoint) {
        if (failure != null) {
            return false;
        }
        if (!ChainKeys.verify(publicKey, checkpoint)) {
            return fail(checkpoint.chainIndex(), "bad-signature",
                    "checkpoint at index " + checkpoint.chainIndex() + " is not signed by this key");
        }
        if (lastIndex == null && events == 0 && head == null) {
            head = checkpoint.headHash();
            lastIndex = checkpoint.chainIndex();
            anchorIndex = checkpoint.chainIndex();
            lastCheckpointIndex = checkpoint.chainIndex();
            checkpoints++;
            return true;
        }
        if (lastIndex != null && checkpoint.chainIndex() <= lastIndex) {
            if (checkpoint.chainIndex() < lastIndex) {
                return fail(checkpoint.chainIndex(), "checkpoint-mismatch",
                        "checkpoint at index " + checkpoint.chainIndex() + " arrives after index " + lastIndex);
            }
            return match(checkpoint);
        }
        pending.put(checkpoint.chainIndex(), checkpoint);
        return true;
    }

    /** The next event in chain order; unsealed events are counted and skipped. Returns false once failed. */
    public boolean event(ChainEvent event) {
        if (failure != null) {
            return false;
        }
        if (!event.sealed()) {
            unsealed++;
            return true;
        }
        long index = event.chainIndex();
        if (event.prevHash() == null || event.hash() == null) {
            return fail(index, "malformed", "event " + index + " has a chain index but no hash");
        }
        if (lastIndex == null) {
            if (index == 1) {
                head = ChainCodec.GENESIS;
                anchorIndex = 0L;
            } else {
                head = event.prevHash(); // unanchored: taken as given, proven only by the checkpoints that follow
            }
        } else if (index <= lastIndex) {
            return fail(index, "duplicate-index", "index " + index + " appears again after index " + lastIndex);
        } else if (index != lastIndex + 1) {
            return fail(lastIndex + 1, "gap", "index " + (lastIndex + 1) + " is missing (next is " + index + ")");
        }
        if (!head.equals(event.prevHash())) {
            return fail(index, "prev-hash-mismatch", "event " + index + " does not follow the previous hash");
        }
        String computed = codec.hash(head, event, index);
        if (!computed.equals(event.hash())) {
            String recanonical = recanonicalised(event, index);
            if (!event.hash().equals(recanonical)) {
                return fail(index, "hash-mismatch", "event " + index + " (seq " + event.seq() + ") does not match its hash");
            }
            computed = recanonical;
        }
        if (firstIndex == null) {
            firstIndex = index;
        }
        head = computed;
        lastIndex = index;
        events++;
        ChainCheckpoint due = pending.remove(index);
        if (due != null) {
            return match(due);
        }
        if (!pending.isEmpty() && pending.firstKey() < index) {
            long skipped = pending.firstKey();
            return fail(skipped, "checkpoint-mismatch", "checkpoint at index " + skipped + " was never reached");
        }
        return true;
    }

    /** Records a failure found outside the chain itself (a missing anchor). */
    public void broken(long index, String reason, String detail) {
        if (failure == null) {
            fail(index, reason, detail);
        }
    }

    /** The verdict once everything was fed. */
    public VerifyResult finish() {
        if (failure == null && !pending.isEmpty()) {
            Map.Entry<Long, ChainCheckpoint> beyond = pending.firstEntry();
            long missing = lastIndex == null ? 1 : lastIndex + 1;
            fail(missing, "truncated", "the checkpoint at index " + beyond.getKey() + " attests events the log "
                    + "ends before (first missing index " + missing + ")");
        }
        if (failure != null) {
            return failure;
        }
        String detail = events == 0 ? "no sealed events" : "chain intact from index " + firstIndex + " to " + lastIndex;
        return new VerifyResult(true, events, checkpoints, unsealed, firstIndex, lastIndex, anchorIndex,
                lastCheckpointIndex, null, null, detail);
    }

    private boolean match(ChainCheckpoint checkpoint) {
        if (!checkpoint.headHash().equals(head)) {
            return fail(checkpoint.chainIndex(), "checkpoint-mismatch",
                    "the chain's hash at index " + checkpoint.chainIndex() + " differs from the signed checkpoint");
        }
        checkpoints++;
        lastCheckpointIndex = checkpoint.chainIndex();
        return true;
    }

    private String recanonicalised(ChainEvent event, long index) {
        try {
            String payload = ChainCodec.canonicalJson(event.payload());
            if (payload.equals(event.payload())) {
                return null;
            }
            return codec.hash(head, new ChainEvent(event.chainIndex(), event.seq(), event.occurredAt(),
                    event.principalKind(), event.principalId(), event.principalName(), event.type(), event.subjectId(),
                    payload, event.prevHash(), event.hash()), index);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean fail(long index, String reason, String detail) {
        failure = new VerifyResult(false, events, checkpoints, unsealed, firstIndex, lastIndex, anchorIndex,
                lastCheckpointIndex, index, reason, detail);
        return false;
    }
}
