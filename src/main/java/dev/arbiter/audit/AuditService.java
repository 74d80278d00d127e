package dev.arbiter.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.arbiter.audit.chain.ChainCheckpoint;
import dev.arbiter.audit.chain.ChainVerifier;
import dev.arbiter.audit.chain.ExportLines;
import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.common.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reading the audit log: search pages, a decision's history, checkpoints, verification from the database, and the
 * streamed export. Long reads run chunk by chunk, each chunk in its own short read transaction, so neither memory
 * nor a transaction grows with the log.
 */
@ApplicationScoped
public class AuditService {

    static final int CHUNK = 2000;

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema CSV_SCHEMA = CsvSchema.builder()
            .addColumn("seq").addColumn("chainIndex").addColumn("occurredAt").addColumn("principalKind")
            .addColumn("principalId").addColumn("principalName").addColumn("type").addColumn("subjectId")
            .addColumn("decisionId").addColumn("priority").addColumn("actionType").addColumn("rulesetVersion")
            .addColumn("payload").addColumn("prevHash").addColumn("hash").build().withHeader();

    private final AuditRepository events;
    private final AuditKeys keys;
    private final ObjectMapper json;

    AuditService(AuditRepository events, AuditKeys keys, ObjectMapper json) {
        this.events = events;
        this.keys = keys;
        this.json = json;
    }

    public AuditEventView.Page search(AuditFilter filter, String cursor, int limit) {
        Long after = cursor == null ? null : decodeCursor(cursor);
        List<AuditEvent> found = QuarkusTransaction.requiringNew().call(() -> events.search(filter, after, limit + 1));
        boolean more = found.size() > limit;
        List<AuditEventView> items = found.stream().limit(limit).map(AuditEventView::of).toList();
        String next = more ? encodeCursor(items.get(items.size() - 1).seq()) : null;
        return new AuditEventView.Page(items, next);
    }

    /** The decision's events (its alerts', approvals', deliveries') in chain order, unsealed ones last. */
    public Optional<List<AuditEventView>> history(String decisionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AuditEvent> own = events.forDecision(decisionId, List.of());
            if (own.isEmpty()) {
                return Optional.<List<AuditEventView>>empty();
            }
            List<String> alertIds = new ArrayList<>();
            for (AuditEvent event : own) {
                JsonNode alertId = json.readTree(event.payload).path("alertId");
                if (alertId.isTextual() && !alertIds.contains(alertId.asText())) {
                    alertIds.add(alertId.asText());
                }
            }
            return Optional.of(events.forDecision(decisionId, alertIds).stream().map(AuditEventView::of).toList());
        });
    }

    public List<AuditEventView.Checkpoint> checkpoints(long fromIndex, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> events.checkpoints(fromIndex, Long.MAX_VALUE, limit))
                .stream().map(AuditEventView.Checkpoint::of).toList();
    }

    /**
     * Verifies the sealed chain, the whole retained log or {@code [from, to]}, against the signed checkpoints. A
     * range is verified from the checkpoint before it (or from the first event), so its first event is proven too.
     */
    public VerifyResult verify(Long from, Long to) {
        ChainVerifier verifier = new ChainVerifier(keys.publicKey());
        long upTo = to == null ? Long.MAX_VALUE : to;
        Long first = QuarkusTransaction.requiringNew().call(() -> events.firstIndex().orElse(null));
        long start; // the index verification starts after
        if (from != null && from > 1) {
            Optional<AuditCheckpoint> anchor = QuarkusTransaction.requiringNew().call(() -> events.checkpointBelow(from));
            if (anchor.isPresent() && (first == null || anchor.get().chainIndex >= first - 1)) {
                verifier.checkpoint(anchor.get().chained());
                start = anchor.get().chainIndex;
            } else {
                start = first == null ? 0 : first - 1;
                if (first != null && first > 1) {
                    anchorAt(verifier, first - 1);
                }
            }
        } else {
            start = first == null ? 0 : first - 1;
            if (first != null && first > 1) {
                anchorAt(verifier, first - 1);
            }
        }
        if (verifier.failed()) {
            return verifier.finish();
        }
        List<AuditCheckpoint> checkpoints = QuarkusTransaction.requiringNew()
                .call(() -> events.checkpoints(start + 1, upTo, Integer.MAX_VALUE));
        Iterator<AuditCheckpoint> pending = checkpoints.iterator();
        AuditCheckpoint nextCheckpoint = pending.hasNext() ? pending.next() : null;
        AuditFilter range = new AuditFilter(null, null, null, null, null, null, null, null, null, null, to);
        long after = start;
        long last = start;
        while (!verifier.failed()) {
            long cursor = after;
            List<AuditEvent> chunk = QuarkusTransaction.requiringNew().call(() -> events.sealedAfter(range, cursor, CHUNK));
            for (AuditEvent event : chunk) {
                if (!verifier.event(event.chained())) {
                    break;
                }
                last = event.chainIndex;
                while (nextCheckpoint != null && nextCheckpoint.chainIndex <= last) {
                    if (!verifier.checkpoint(nextCheckpoint.chained())) {
                        break;
                    }
                    nextCheckpoint = pending.hasNext() ? pending.next() : null;
                }
            }
            if (chunk.size() < CHUNK) {
                break;
            }
            after = chunk.get(chunk.size() - 1).chainIndex;
        }
        while (!verifier.failed() && nextCheckpoint != null) {
            verifier.checkpoint(nextCheckpoint.chained()); // beyond the last event: the log was cut short
            nextCheckpoint = pending.hasNext() ? pending.next() : null;
        }
        VerifyResult result = verifier.finish();
        if (result.ok() && to == null) {
            long head = QuarkusTransaction.requiringNew().call(() -> events.getEntityManager()
                    .find(ChainHead.class, ChainHead.ID).chainIndex);
            if (head > last) {
                return new VerifyResult(false, result.events(), result.checkpoints(), result.unsealed(),
                        result.firstIndex(), result.lastIndex(), result.anchorIndex(), result.lastCheckpointIndex(),
                        last + 1, "truncated", "the sealed head is index " + head + " but the log ends at " + last);
            }
        }
        long unsealed = QuarkusTransaction.requiringNew().call(events::unsealedCount);
        return new VerifyResult(result.ok(), result.events(), result.checkpoints(), unsealed, result.firstIndex(),
                result.lastIndex(), result.anchorIndex(), result.lastCheckpointIndex(), result.brokenIndex(),
                result.reason(), result.detail());
    }

    /** The log starts after {@code index} (retention removed what came before): that checkpoint must exist. */
    private void anchorAt(ChainVerifier verifier, long index) {
        Optional<AuditCheckpoint> anchor = QuarkusTransaction.requiringNew().call(() -> events.checkpointAt(index));
        if (anchor.isPresent()) {
            verifier.checkpoint(anchor.get().chained());
        } else {
            Optional<AuditCheckpoint> below = QuarkusTransaction.requiringNew().call(() -> events.checkpointBelow(index));
            long missing = below.map(checkpoint -> checkpoint.chainIndex + 1).orElse(1L);
            verifier.broken(missing, "gap", "the log starts at index " + (index + 1)
                    + " but no checkpoint anchors it: index " + missing + " is missing");
        }
    }

    /** Streams the matching events as JSON Lines (with the checkpoints between them) or CSV, chunk by chunk. */
    public void export(AuditFilter filter, String format, OutputStream out) throws IOException {
        if ("csv".equals(format)) {
            exportCsv(filter, out);
        } else {
            exportJsonLines(filter, out);
        }
    }

    private void exportJsonLines(AuditFilter filter, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder(CHUNK * 600);
        long after = filter.fromIndex() == null ? 0 : filter.fromIndex() - 1;
        if (after > 0 || filter.chainOnly()) {
            long anchorIndex = after;
            Optional<AuditCheckpoint> anchor = QuarkusTransaction.requiringNew().call(() -> anchorIndex > 0
                    ? events.checkpointAt(anchorIndex) : events.firstIndex().flatMap(first -> events.checkpointAt(first - 1)));
            anchor.ifPresent(checkpoint -> ExportLines.checkpoint(lines, checkpoint.chained()));
        }
        while (true) {
            long cursor = after;
            List<Object> chunk = QuarkusTransaction.requiringNew().call(() -> {
                List<AuditEvent> sealed = events.sealedAfter(filter, cursor, CHUNK);
                List<Object> both = new ArrayList<>(sealed);
                if (!sealed.isEmpty()) {
                    both.addAll(events.checkpoints(sealed.get(0).chainIndex, sealed.get(sealed.size() - 1).chainIndex,
                            Integer.MAX_VALUE));
                }
                return both;
            });
            Map<Long, ChainCheckpoint> checkpoints = new LinkedHashMap<>();
            int sealedCount = 0;
            AuditEvent lastEvent = null;
            for (Object item : chunk) {
                if (item instanceof AuditCheckpoint checkpoint) {
                    checkpoints.put(checkpoint.chainIndex, checkpoint.chained());
                }
            }
            for (Object item : chunk) {
                if (item instanceof AuditEvent event) {
                    ExportLines.event(lines, event.chained());
                    ChainCheckpoint checkpoint = checkpoints.get(event.chainIndex);
                    if (checkpoint != null) {
                        ExportLines.checkpoint(lines, checkpoint);
                    }
                    sealedCount++;
                    lastEvent = event;
                }
            }
            writer.append(lines);
            lines.setLength(0);
            if (lastEvent != null) {
                after = lastEvent.chainIndex;
            }
            if (sealedCount < CHUNK) {
                break;
            }
        }
        if (filter.chainOnly()) {
            // checkpoints past the last exported event: they let the verifier see that the log was cut short
            long lastExported = after;
            long upTo = filter.toIndex() == null ? Long.MAX_VALUE : filter.toIndex();
            for (AuditCheckpoint checkpoint : QuarkusTransaction.requiringNew()
                    .call(() -> events.checkpoints(lastExported + 1, upTo, Integer.MAX_VALUE))) {
                ExportLines.checkpoint(lines, checkpoint.chained());
            }
            writer.append(lines);
            lines.setLength(0);
        }
        if (filter.toIndex() == null && filter.fromIndex() == null) {
            long afterSeq = 0;
            while (true) {
                long cursor = afterSeq;
                List<AuditEvent> unsealed = QuarkusTransaction.requiringNew().call(() -> events.unsealedAfter(filter, cursor, CHUNK));
                for (AuditEvent event : unsealed) {
                    ExportLines.event(lines, event.chained());
                }
                writer.append(lines);
                lines.setLength(0);
                if (unsealed.size() < CHUNK) {
                    break;
                }
                afterSeq = unsealed.get(unsealed.size() - 1).seq;
            }
        }
        writer.flush();
    }

    private void exportCsv(AuditFilter filter, OutputStream out) throws IOException {
        try (SequenceWriter rows = CSV.writer(CSV_SCHEMA).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out)) {
            long afterSeq = 0;
            while (true) {
                long cursor = afterSeq;
                List<AuditEvent> chunk = QuarkusTransaction.requiringNew().call(() -> events.search(filter, cursor, CHUNK));
                for (AuditEvent event : chunk) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seq", event.seq);
                    row.put("chainIndex", event.chainIndex);
                    row.put("occurredAt", event.occurredAt.toString());
                    row.put("principalKind", event.principalKind);
                    row.put("principalId", event.principalId);
                    row.put("principalName", event.principalName);
                    row.put("type", event.type);
                    row.put("subjectId", event.subjectId);
                    row.put("decisionId", event.decisionId);
                    row.put("priority", event.priority);
                    row.put("actionType", event.actionType);
                    row.put("rulesetVersion", event.rulesetVersion);
                    row.put("payload", event.payload);
                    row.put("prevHash", event.prevHash);
                    row.put("hash", event.hash);
                    rows.write(row);
                }
                if (chunk.size() < CHUNK) {
                    break;
                }
                afterSeq = chunk.get(chunk.size() - 1).seq;
            }
        }
        out.flush();
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
