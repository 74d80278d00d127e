package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTest {

    private static final String BODY = "{\"actionId\":\"a1\",\"type\":\"isolate-host\"}";

    /** The expected value comes from {@code printf '%s' '1795836000.<body>' | openssl dgst -sha256 -hmac whsec-test}. */
    @Test
    void headerIsTimestampAndHmacOfTimestampDotBody() {
        assertThat(Signature.header("whsec-test", 1795836000L, BODY))
                .isEqualTo("t=1795836000,v1=6b174881adea68156acb135ea096c3f66ea2cde748b41b0ebcf347aa002918e1");
    }

    @Test
    void anyChangeOfSecretTimeOrBodyChangesTheSignature() {
        String signed = Signature.header("whsec-test", 1795836000L, BODY);
        assertThat(Signature.header("whsec-other", 1795836000L, BODY)).isNotEqualTo(signed);
        assertThat(Signature.header("whsec-test", 1795836001L, BODY).substring(14)).isNotEqualTo(signed.substring(14));
        assertThat(Signature.header("whsec-test", 1795836000L, BODY.replace("a1", "a2"))).isNotEqualTo(signed);
    }
}
