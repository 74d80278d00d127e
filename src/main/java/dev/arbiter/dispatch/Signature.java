package dev.arbiter.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Arbiter-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} where the HMAC, keyed with
 * the receiver's shared secret, covers the UTF-8 bytes of {@code <t>.<body>}. A receiver recomputes it over the raw
 * body it got, compares in constant time, and refuses a {@code t} too far from its own clock (replays).
 */
final class Signature {

    static final String HEADER = "X-Arbiter-Signature";

    private Signature() {
    }

    static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
