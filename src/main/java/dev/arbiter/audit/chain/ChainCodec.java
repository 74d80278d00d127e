package dev.arbiter.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The one definition of what the chain hashes and what a checkpoint signs, shared by the server and the offline
 * verifier. Plain Java. Not thread-safe (it reuses a digest and a buffer): one instance per thread.
 *
 * <p>The canonical event is the RFC 8785 (JCS) serialisation of
 * {@code {chainIndex, occurredAt, payload, principalId, principalKind, principalName, seq, subjectId, type}}.
 * The payload is canonicalised once, by the JCS library, when the event is appended; the event around it has fixed
 * member names, so it is written here in JCS member order with JCS string escaping, which is the same bytes the
 * library would produce and avoids re-parsing the payload for every hash. The hash is
 * {@code SHA-256(prevHash bytes ‖ canonical event UTF-8)}; before the first event prevHash is 32 zero bytes.
 */
public final class ChainCodec {

    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private final StringBuilder text = new StringBuilder(512);

    public ChainCodec() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** RFC 8785 canonical form of a JSON text (the library's implementation). */
    public static String canonicalJson(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
        }
    }

    /** The largest integer a JSON number keeps exactly: RFC 8785 reads every number as an IEEE 754 double. */
    private static final long EXACT_INTEGER = 1L << 53;

    /**
     * RFC 8785 text of a payload of maps with string keys, collections, strings, booleans, nulls and integers of at
     * most 2^53, written directly; empty when it holds anything else, which the caller serialises and gives to
     * {@link #canonicalJson(String)}. For such a payload the text is the one the library writes from Jackson's JSON:
     * members sorted by UTF-16 code units, strings escaped as RFC 8785 says, integers in decimal. Serialising, parsing
     * and serialising again took 5 % of the service's Java samples under load, one payload per audit event (issue #9).
     */
    public static Optional<String> canonicalJsonOf(Map<String, ?> payload) {
        StringBuilder out = new StringBuilder(256);
        return writeCanonical(out, payload) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean writeCanonical(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number > EXACT_INTEGER || number < -EXACT_INTEGER) {
                return false;
            }
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            return writeCanonicalObject(out, map);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!writeCanonical(out, item)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    private static boolean writeCanonicalObject(StringBuilder out, Map<?, ?> map) {
        String[] keys = new String[map.size()];
        int n = 0;
        for (Object key : map.keySet()) {
            if (!(key instanceof String name)) {
                return false;
            }
            keys[n++] = name;
        }
        Arrays.sort(keys); // String's order is the order of UTF-16 code units, as RFC 8785 §3.2.3 sorts
        out.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys[i]);
            out.append(':');
            if (!writeCanonical(out, map.get(keys[i]))) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    /** The canonical event, without the seal, as JCS text. {@code chainIndex} must be set. */
    public String canonicalEvent(ChainEvent event, long chainIndex) {
        StringBuilder out = text;
        out.setLength(0);
        out.append("{\"chainIndex\":").append(chainIndex);
        out.append(",\"occurredAt\":");
        string(out, event.occurredAt());
        out.append(",\"payload\":").append(event.payload());
        out.append(",\"principalId\":");
        string(out, event.principalId());
        out.append(",\"principalKind\":");
        string(out, event.principalKind());
        out.append(",\"principalName\":");
        string(out, event.principalName());
        out.append(",\"seq\":").append(event.seq());
        out.append(",\"subjectId\":");
        string(out, event.subjectId());
        out.append(",\"type\":");
        string(out, event.type());
        out.append('}');
        return out.toString();
    }

    /** The event's hash at {@code chainIndex} after {@code prevHash} (hex). */
    public String hash(String prevHash, ChainEvent event, long chainIndex) {
        // the same bytes as canonicalEvent(...).getBytes(UTF_8), written straight into a reused buffer and the digest
        sha256.reset();
        sha256.update(prevHash.equals(lastHex) ? lastBytes : HEX.parseHex(prevHash));
        length = 0;
        ascii("{\"chainIndex\":");
        ascii(Long.toString(chainIndex));
        ascii(",\"occurredAt\":");
        utf8String(event.occurredAt());
        ascii(",\"payload\":");
        // the payload is most of the event: the JDK's encoder copies its bytes in bulk, where a loop per character took
        // 1.55 µs per hash of a 636-byte decision.made event against 0.96 µs (issue #9)
        sha256.update(bytes, 0, length);
        sha256.update(event.payload().getBytes(StandardCharsets.UTF_8));
        length = 0;
        ascii(",\"principalId\":");
        utf8String(event.principalId());
        ascii(",\"principalKind\":");
        utf8String(event.principalKind());
        ascii(",\"principalName\":");
        utf8String(event.principalName());
        ascii(",\"seq\":");
        ascii(Long.toString(event.seq()));
        ascii(",\"subjectId\":");
        utf8String(event.subjectId());
        ascii(",\"type\":");
        utf8String(event.type());
        put((byte) '}');
        sha256.update(bytes, 0, length);
        lastBytes = sha256.digest();
        lastHex = HEX.formatHex(lastBytes);
        return lastHex;
    }

    private byte[] bytes = new byte[1024];
    private int length;
    private String lastHex;
    private byte[] lastBytes;

    private void put(byte b) {
        if (length == bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    private void ascii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            put((byte) text.charAt(i));
        }
    }

    private int multiByte(String text, int i, char c) {
        if (c < 0x800) {
            put((byte) (0xc0 | (c >> 6)));
            put((byte) (0x80 | (c & 0x3f)));
        } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int code = Character.toCodePoint(c, text.charAt(i + 1));
            put((byte) (0xf0 | (code >> 18)));
            put((byte) (0x80 | ((code >> 12) & 0x3f)));
            put((byte) (0x80 | ((code >> 6) & 0x3f)));
            put((byte) (0x80 | (code & 0x3f)));
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            put((byte) '?');
        } else {
            put((byte) (0xe0 | (c >> 12)));
            put((byte) (0x80 | ((c >> 6) & 0x3f)));
            put((byte) (0x80 | (c & 0x3f)));
        }
        return i;
    }

    /** A JSON string as RFC 8785 writes it, as UTF-8. */
    private void utf8String(String value) {
        put((byte) '"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                if (c < 0x80) {
                    put((byte) c);
                } else {
                    i = multiByte(value, i, c);
                }
                continue;
            }
            switch (c) {
                case '"' -> ascii("\\\"");
                case '\\' -> ascii("\\\\");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                default -> {
                    ascii("\\u00");
                    put((byte) Character.forDigit(c >> 4, 16));
                    put((byte) Character.forDigit(c & 0xf, 16));
                }
            }
        }
        put((byte) '"');
    }

    /** What a checkpoint's signature covers: the JCS of {chainIndex, createdAt, headHash, keyId}. */
    public static byte[] checkpointBytes(long chainIndex, String headHash, String createdAt, String keyId) {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"chainIndex\":").append(chainIndex).append(",\"createdAt\":");
        string(out, createdAt);
        out.append(",\"headHash\":");
        string(out, headHash);
        out.append(",\"keyId\":");
        string(out, keyId);
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] checkpointBytes(ChainCheckpoint checkpoint) {
        return checkpointBytes(checkpoint.chainIndex(), checkpoint.headHash(), checkpoint.createdAt(), checkpoint.keyId());
    }

    /** A JSON string as RFC 8785 §3.2.2.2 writes it. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
