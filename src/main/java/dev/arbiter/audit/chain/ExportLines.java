package dev.arbiter.audit.chain;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The JSON Lines export format, one object per line: {@code {"kind":"event",…}} and {@code {"kind":"checkpoint",…}}
 * in chain order. Writing is used by the export endpoint and retention's archive, reading by the offline verifier.
 * Plain Java (Jackson's streaming parser only). An event's payload is written as its stored canonical JSON, so the
 * verifier can hash the bytes it reads without re-canonicalising them.
 */
public final class ExportLines {

    private static final JsonFactory JSON = new JsonFactory();

    private ExportLines() {
    }

    public static void event(StringBuilder out, ChainEvent event) {
        out.append("{\"kind\":\"event\",\"chainIndex\":").append(event.chainIndex());
        out.append(",\"seq\":").append(event.seq());
        out.append(",\"occurredAt\":");
        ChainCodec.string(out, event.occurredAt());
        out.append(",\"principalKind\":");
        ChainCodec.string(out, event.principalKind());
        out.append(",\"principalId\":");
        ChainCodec.string(out, event.principalId());
        out.append(",\"principalName\":");
        ChainCodec.string(out, event.principalName());
        out.append(",\"type\":");
        ChainCodec.string(out, event.type());
        out.append(",\"subjectId\":");
        ChainCodec.string(out, event.subjectId());
        out.append(",\"prevHash\":");
        nullable(out, event.prevHash());
        out.append(",\"hash\":");
        nullable(out, event.hash());
        out.append(",\"payload\":").append(event.payload()).append("}\n");
    }

    public static void checkpoint(StringBuilder out, ChainCheckpoint checkpoint) {
        out.append("{\"kind\":\"checkpoint\",\"chainIndex\":").append(checkpoint.chainIndex());
        out.append(",\"headHash\":");
        ChainCodec.string(out, checkpoint.headHash());
        out.append(",\"createdAt\":");
        ChainCodec.string(out, checkpoint.createdAt());
        out.append(",\"keyId\":");
        ChainCodec.string(out, checkpoint.keyId());
        out.append(",\"signature\":");
        ChainCodec.string(out, checkpoint.signature());
        out.append("}\n");
    }

    /** One line: a {@link ChainEvent}, a {@link ChainCheckpoint}, or an exception naming what is wrong. */
    public static Object parse(String line) throws IOException {
        Object fast = Scanner.scan(line);
        return fast != null ? fast : parseWithJackson(line);
    }

    /** The general path: any JSON formatting Jackson accepts. */
    static Object parseWithJackson(String line) throws IOException {
        String kind = null;
        Long chainIndex = null;
        long seq = 0;
        String occurredAt = null, principalKind = null, principalId = null, principalName = null, type = null;
        String subjectId = null, prevHash = null, hash = null, payload = null, headHash = null, createdAt = null;
        String keyId = null, signature = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("payload")) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getCharOffset();
                    payload = line.substring(start, end);
                    continue;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                switch (field) {
                    case "kind" -> kind = text;
                    case "chainIndex" -> chainIndex = text == null ? null : parser.getLongValue();
                    case "seq" -> seq = parser.getLongValue();
                    case "occurredAt" -> occurredAt = text;
                    case "principalKind" -> principalKind = text;
                    case "principalId" -> principalId = text;
                    case "principalName" -> principalName = text;
                    case "type" -> type = text;
                    case "subjectId" -> subjectId = text;
                    case "prevHash" -> prevHash = text;
                    case "hash" -> hash = text;
                    case "headHash" -> headHash = text;
                    case "createdAt" -> createdAt = text;
                    case "keyId" -> keyId = text;
                    case "signature" -> signature = text;
                    default -> { }
                }
            }
        }
        return record(kind, chainIndex, seq, occurredAt, principalKind, principalId, principalName, type, subjectId,
                prevHash, hash, payload, headHash, createdAt, keyId, signature);
    }

    static Object record(String kind, Long chainIndex, long seq, String occurredAt, String principalKind,
                         String principalId, String principalName, String type, String subjectId, String prevHash,
                         String hash, String payload, String headHash, String createdAt, String keyId,
                         String signature) throws IOException {
        if ("event".equals(kind)) {
            if (occurredAt == null || principalKind == null || principalId == null || principalName == null
                    || type == null || subjectId == null || payload == null
                    || (chainIndex != null && (prevHash == null || hash == null))) {
                throw new IOException("an event line lacks a field");
            }
            return new ChainEvent(chainIndex, seq, occurredAt, principalKind, principalId, principalName, type,
                    subjectId, payload, prevHash, hash);
        }
        if ("checkpoint".equals(kind)) {
            if (chainIndex == null || headHash == null || createdAt == null || keyId == null || signature == null) {
                throw new IOException("a checkpoint line lacks a field");
            }
            return new ChainCheckpoint(chainIndex, headHash, createdAt, keyId, signature);
        }
        throw new IOException("unknown kind " + kind);
    }

    private static void nullable(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            ChainCodec.string(out, value);
        }
    }

    /**
     * The fast path for lines as {@link #event} and {@link #checkpoint} write them (compact JSON, integer numbers):
     * one pass over the characters, the payload taken as the raw text between its braces. Returns null for anything
     * else, which then goes to Jackson.
     */
    private static final class Scanner {

        private final String s;
        private int i;

        private Scanner(String s) {
            this.s = s;
        }

        static Object scan(String line) throws IOException {
            try {
                return new Scanner(line).record();
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                return null;
            }
        }

        private Object record() throws IOException {
            String kind = null;
            Long chainIndex = null;
            long seq = 0;
            String occurredAt = null, principalKind = null, principalId = null, principalName = null, type = null;
            String subjectId = null, prevHash = null, hash = null, payload = null, headHash = null, createdAt = null;
            String keyId = null, signature = null;
            if (s.charAt(i++) != '{') {
                return null;
            }
            while (true) {
                if (s.charAt(i) != '"') {
                    return null;
                }
                int end = s.indexOf('"', i + 1);
                String key = s.substring(i + 1, end);
                if (key.indexOf('\\') >= 0 || s.charAt(end + 1) != ':') {
                    return null;
                }
                i = end + 2;
                char c = s.charAt(i);
                if (key.equals("payload")) {
                    if (c != '{' && c != '[') {
                        return null;
                    }
                    int start = i;
                    skipStructure();
                    payload = s.substring(start, i);
                } else if (c == '"') {
                    String text = string();
                    switch (key) {
                        case "kind" -> kind = text;
                        case "occurredAt" -> occurredAt = text;
                        case "principalKind" -> principalKind = text;
                        case "principalId" -> principalId = text;
                        case "principalName" -> principalName = text;
                        case "type" -> type = text;
                        case "subjectId" -> subjectId = text;
                        case "prevHash" -> prevHash = text;
                        case "hash" -> hash = text;
                        case "headHash" -> headHash = text;
                        case "createdAt" -> createdAt = text;
                        case "keyId" -> keyId = text;
                        case "signature" -> signature = text;
                        default -> { }
                    }
                } else if (c == 'n' && s.startsWith("null", i)) {
                    i += 4;
                    if (key.equals("chainIndex")) {
                        chainIndex = null;
                    }
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    int start = i++;
                    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    long number = Long.parseLong(s, start, i, 10);
                    if (key.equals("chainIndex")) {
                        chainIndex = number;
                    } else if (key.equals("seq")) {
                        seq = number;
                    }
                } else {
                    return null;
                }
                char next = s.charAt(i++);
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    return null;
                }
            }
            if (i != s.length()) {
                return null;
            }
            return ExportLines.record(kind, chainIndex, seq, occurredAt, principalKind, principalId, principalName,
                    type, subjectId, prevHash, hash, payload, headHash, createdAt, keyId, signature);
        }

        /** A JSON string starting at i (on its quote); leaves i after the closing quote. */
        private String string() {
            int start = ++i;
            int end = start;
            while (true) {
                char c = s.charAt(end);
                if (c == '"') {
                    i = end + 1;
                    return s.substring(start, end);
                }
                if (c == '\\') {
                    break;
                }
                end++;
            }
            StringBuilder out = new StringBuilder(end - start + 16).append(s, start, end);
            i = end;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s, i, i + 4, 16));
                        i += 4;
                    }
                    default -> throw new NumberFormatException("bad escape");
                }
            }
        }

        /** Skips an object or array starting at i; leaves i after its closing bracket. */
        private void skipStructure() {
            int depth = 0;
            do {
                char c = s.charAt(i);
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                i++;
            } while (depth > 0);
        }
    }
}
