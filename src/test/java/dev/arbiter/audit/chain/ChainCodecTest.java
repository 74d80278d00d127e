package dev.arbiter.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The chain's canonical form is RFC 8785 as the library writes it, and the fast paths equal the plain ones. */
class ChainCodecTest {

    private static final List<String> AWKWARD = List.of("plain", "quote \" and \\ backslash", "tab\tnew\nline\r\u0001\u001f",
            "ünïcödé ✓", "emoji 😀 pair", "slash / and \u2028 separator", "");

    @Test
    void theCanonicalEventIsWhatTheJcsLibraryWrites() {
        ChainCodec codec = new ChainCodec();
        for (String text : AWKWARD) {
            ChainEvent event = event(text);
            String canonical = codec.canonicalEvent(event, 42);
            assertThat(ChainCodec.canonicalJson(canonical)).isEqualTo(canonical);
        }
    }

    @Test
    void theHashIsSha256OfThePreviousHashAndTheCanonicalEvent() throws Exception {
        ChainCodec codec = new ChainCodec();
        String prev = ChainCodec.GENESIS;
        for (String text : AWKWARD) {
            ChainEvent event = event(text);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prev));
            sha256.update(codec.canonicalEvent(event, 7).getBytes(StandardCharsets.UTF_8));
            String expected = HexFormat.of().formatHex(sha256.digest());
            assertThat(codec.hash(prev, event, 7)).as(text).isEqualTo(expected);
            prev = expected;
        }
    }

    @Test
    void exportLinesReadBackTheSameWithTheFastScannerAndWithJackson() throws Exception {
        for (String text : AWKWARD) {
            ChainEvent event = new ChainEvent(3L, 9, "2026-11-28T02:20:00Z", "user", text, text, "test.codec", text,
                    ChainCodec.canonicalJson("{\"note\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                            .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r").replace("\u0001", "\\u0001")
                            .replace("\u001f", "\\u001f") + "\",\"n\":[1,{\"a\":\"}\"}]}"),
                    ChainCodec.GENESIS, "ab".repeat(32));
            StringBuilder line = new StringBuilder();
            ExportLines.event(line, event);
            String written = line.toString().strip();
            assertThat(ExportLines.parse(written)).as(text).isEqualTo(event);
            assertThat(ExportLines.parseWithJackson(written)).as(text).isEqualTo(event);
        }
        ChainCheckpoint checkpoint = new ChainCheckpoint(5, "cd".repeat(32), "2026-11-28T02:20:00Z", "ef".repeat(32), "c2ln");
        StringBuilder line = new StringBuilder();
        ExportLines.checkpoint(line, checkpoint);
        assertThat(ExportLines.parse(line.toString().strip())).isEqualTo(checkpoint);
        // a pretty-printed line is still read (by Jackson)
        assertThat(ExportLines.parse("{ \"kind\": \"checkpoint\", \"chainIndex\": 5, \"headHash\": \"" + "cd".repeat(32)
                + "\", \"createdAt\": \"2026-11-28T02:20:00Z\", \"keyId\": \"" + "ef".repeat(32) + "\", \"signature\": \"c2ln\" }"))
                .isEqualTo(checkpoint);
    }

    /** Every field carries the text, the payload too: the hash encodes the payload apart from the other fields. */
    private static ChainEvent event(String text) {
        StringBuilder note = new StringBuilder();
        ChainCodec.string(note, text);
        return new ChainEvent(42L, 17, "2026-11-28T02:20:00.123456Z", "user", "id " + text, "name " + text, "test." + text,
                "subject " + text,
                ChainCodec.canonicalJson("{\"b\":1,\"a\":[true,null,2.5e3],\"é\":\"x\",\"note\":" + note + "}"), null, null);
    }
}
