package dev.arbiter.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Audit payloads written straight to RFC 8785 text are the text the JCS library makes of Jackson's JSON, which is how
 * every other payload is written, so an event's hash does not depend on which way its payload took.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final List<String> AWKWARD = List.of("plain", "quote \" and \\ backslash", "tab\tnew\nline\r\u0001\u001f",
            "\b\f\u007f", "ünïcödé ✓", "emoji 😀 pair", "lone \ud800 surrogate", "slash / and \u2028 separator", "",
            "€uro", "Z", "a", "aa", "é", "\uffff");

    @Test
    void payloadsOfTheSupportedKindsAreWrittenAsTheLibraryWritesThem() throws Exception {
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> payload = randomObject(random, 0);
            String expected = ChainCodec.canonicalJson(JACKSON.writeValueAsString(payload));
            assertThat(ChainCodec.canonicalJsonOf(payload)).as(payload.toString()).contains(expected);
        }
    }

    @Test
    void theDecisionPayloadKeepsItsValuesAndSortsItsMembers() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decisionId", "d-1");
        payload.put("riskScore", 87);
        payload.put("priority", "P1");
        payload.put("actions", List.of(Map.of("type", "isolate-host", "id", "a-1")));
        payload.put("suppressionId", null);
        assertThat(ChainCodec.canonicalJsonOf(payload)).contains(
                "{\"actions\":[{\"id\":\"a-1\",\"type\":\"isolate-host\"}],\"decisionId\":\"d-1\",\"priority\":\"P1\","
                        + "\"riskScore\":87,\"suppressionId\":null}");
    }

    @Test
    void integersAtTheEdgeOfWhatADoubleHoldsAreExactAndBeyondItAreLeftToTheLibrary() throws Exception {
        for (long edge : new long[] {1L << 53, -(1L << 53), 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            Map<String, Object> payload = Map.of("n", edge);
            assertThat(ChainCodec.canonicalJsonOf(payload))
                    .contains(ChainCodec.canonicalJson(JACKSON.writeValueAsString(payload)))
                    .contains("{\"n\":" + edge + "}");
        }
        assertThat(ChainCodec.canonicalJsonOf(Map.of("n", (1L << 53) + 1))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("n", Long.MIN_VALUE))).isEmpty();
    }

    @Test
    void otherValuesAreLeftToJacksonAndTheLibrary() {
        assertThat(ChainCodec.canonicalJsonOf(Map.of("score", 1.5))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("amount", new BigDecimal("10")))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("at", Instant.EPOCH))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("id", UUID.randomUUID()))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("nested", List.of(Map.of("kind", Thread.State.NEW))))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("byNumber", Map.of(1, "one")))).isEmpty();
        assertThat(ChainCodec.canonicalJsonOf(Map.of("letters", new char[] {'a'}))).isEmpty();
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        int members = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < members; i++) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong() % (1L << 53);
            case 4 -> (short) random.nextInt(Short.MAX_VALUE);
            case 5 -> randomString(random);
            case 6 -> randomObject(random, depth);
            case 7 -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomValue(random, depth + 1));
                }
                yield items;
            }
            default -> {
                LinkedHashSet<Object> items = new LinkedHashSet<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    items.add(randomString(random));
                }
                yield items;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            text.append(AWKWARD.get(random.nextInt(AWKWARD.size())));
            if (random.nextInt(4) == 0) {
                text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }
}
