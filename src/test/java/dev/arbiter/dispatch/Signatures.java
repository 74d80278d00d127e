package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies {@code X-Arbiter-Signature} the way the README tells a receiver to, independently of Arbiter's code. */
final class Signatures {

    private static final Pattern HEADER = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private Signatures() {
    }

    /** The header parses, its time is {@code expectedTime}, and its HMAC over {@code t.body} matches with {@code secret}. */
    static void assertValid(Receiver.Request request, String secret, Instant expectedTime) {
        String header = request.header("X-Arbiter-Signature");
        assertThat(header).as("signature header").isNotNull();
        Matcher matcher = HEADER.matcher(header);
        assertThat(matcher.matches()).as("signature header %s", header).isTrue();
        assertThat(Long.parseLong(matcher.group(1))).isEqualTo(expectedTime.getEpochSecond());
        byte[] expected = hmac(secret, matcher.group(1) + "." + request.body());
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(matcher.group(2))))
                .as("signature verifies with the receiver's secret").isTrue();
        assertThat(MessageDigest.isEqual(hmac("some-other-secret", matcher.group(1) + "." + request.body()),
                HexFormat.of().parseHex(matcher.group(2)))).as("signature does not verify with another secret").isFalse();
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
