package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Which receiver a delivery goes to, from the real configuration mapping, and which configurations are refused. */
class RespondersTest {

    @Test
    void actionGoesToTheResponderForItsTypeElseTheDefault() {
        Responders responders = responders(Map.of(
                "arbiter.dispatch.responders.\"isolate-host\".url", "https://edr.example.org/hooks",
                "arbiter.dispatch.responders.\"isolate-host\".secret", "edr-secret",
                "arbiter.dispatch.responders.\"isolate-host\".timeout", "20s",
                "arbiter.dispatch.default-responder.url", "https://soar.example.org/hooks",
                "arbiter.dispatch.default-responder.secret", "soar-secret"));

        Responders.Destination isolate = responders.destinationOf(action("isolate-host")).orElseThrow();
        assertThat(isolate).isEqualTo(new Responders.Destination("isolate-host", URI.create("https://edr.example.org/hooks"),
                "edr-secret", Duration.ofSeconds(20)));
        Responders.Destination other = responders.destinationOf(action("block-ip")).orElseThrow();
        assertThat(other).isEqualTo(new Responders.Destination("default", URI.create("https://soar.example.org/hooks"),
                "soar-secret", Duration.ofSeconds(10)));
        assertThat(responders.hasResponder("isolate-host")).isTrue();
        assertThat(responders.hasResponder("block-ip")).isTrue();
    }

    @Test
    void actionTypeWithoutResponderOrDefaultHasNowhereToGo() {
        Responders responders = responders(Map.of(
                "arbiter.dispatch.responders.\"isolate-host\".url", "https://edr.example.org/hooks",
                "arbiter.dispatch.responders.\"isolate-host\".secret", "edr-secret"));

        assertThat(responders.destinationOf(action("block-ip"))).isEmpty();
        assertThat(responders.hasResponder("block-ip")).isFalse();
        assertThat(responders.hasResponder("isolate-host")).isTrue();
        assertThat(responders.missingReason(action("block-ip"))).isEqualTo(
                "no responder is configured for block-ip (arbiter.dispatch.responders.\"block-ip\".url) and there is no default responder");
    }

    @Test
    void callbackNeedsTheCallbackSecret() {
        assertThat(responders(Map.of()).destinationOf(callback("https://soar.example.org/cb"))).isEmpty();
        assertThat(responders(Map.of()).missingReason(callback("https://soar.example.org/cb")))
                .startsWith("no callback secret is configured");

        Responders.Destination signed = responders(Map.of("arbiter.dispatch.callback.secret", "cb-secret",
                "arbiter.dispatch.callback.timeout", "3s")).destinationOf(callback("https://soar.example.org/cb")).orElseThrow();
        assertThat(signed).isEqualTo(new Responders.Destination("callback", URI.create("https://soar.example.org/cb"),
                "cb-secret", Duration.ofSeconds(3)));
    }

    @Test
    void callbackHostsCanBeRestricted() {
        Responders responders = responders(Map.of("arbiter.dispatch.callback.secret", "cb-secret",
                "arbiter.dispatch.callback.allowed-hosts", "soar.example.org,.clients.example.net"));

        assertThat(responders.destinationOf(callback("https://soar.example.org/cb"))).isPresent();
        assertThat(responders.destinationOf(callback("https://SOAR.example.org/cb"))).isPresent();
        assertThat(responders.destinationOf(callback("https://a.clients.example.net/cb"))).isPresent();
        assertThat(responders.destinationOf(callback("http://169.254.169.254/latest/meta-data"))).isEmpty();
        assertThat(responders.destinationOf(callback("https://evil-soar.example.org/cb"))).isEmpty();
        assertThat(responders.destinationOf(callback("https://clients.example.net.evil.test/cb"))).isEmpty();
        assertThat(responders.missingReason(callback("http://169.254.169.254/latest/meta-data")))
                .isEqualTo("the callback host 169.254.169.254 is not in arbiter.dispatch.callback.allowed-hosts");
    }

    @Test
    void refusesResponderConfigurationThatCannotDeliverSafely() {
        assertThatThrownBy(() -> responders(Map.of(
                "arbiter.dispatch.responders.\"isolate-host\".url", "ftp://edr.example.org/hooks",
                "arbiter.dispatch.responders.\"isolate-host\".secret", "edr-secret")).validate())
                .hasMessage("arbiter.dispatch.responders.\"isolate-host\".url must be an absolute http or https URL");
        assertThatThrownBy(() -> responders(Map.of(
                "arbiter.dispatch.default-responder.url", "https://soar.example.org/hooks",
                "arbiter.dispatch.default-responder.secret", " ")).validate())
                .hasMessage("arbiter.dispatch.default-responder.secret must not be empty");
        assertThatThrownBy(() -> responders(Map.of(
                "arbiter.dispatch.responders.\"isolate-host\".url", "https://edr.example.org/hooks",
                "arbiter.dispatch.responders.\"isolate-host\".secret", "edr-secret",
                "arbiter.dispatch.responders.\"isolate-host\".timeout", "2m")).validate())
                .hasMessageStartingWith("arbiter.dispatch.lease (PT2M) must exceed arbiter.dispatch.responders.\"isolate-host\".timeout");
    }

    @Test
    void defaultsAreSane() {
        DispatchConfig config = config(Map.of());
        assertThat(config.interval()).isEqualTo("2s");
        assertThat(config.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.retry().maxAttempts()).isEqualTo(10);
        assertThat(config.responders()).isEmpty();
        responders(Map.of()).validate();
    }

    private static Responders responders(Map<String, String> properties) {
        return new Responders(config(properties));
    }

    private static DispatchConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DispatchConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "5s", "2m"
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 100))
                .build();
        return config.getConfigMapping(DispatchConfig.class);
    }

    private static OutboxRow action(String type) {
        OutboxRow row = new OutboxRow();
        row.id = UUID.randomUUID();
        row.kind = OutboxRow.ACTION;
        row.event = type;
        return row;
    }

    private static OutboxRow callback(String url) {
        OutboxRow row = new OutboxRow();
        row.id = UUID.randomUUID();
        row.kind = OutboxRow.CALLBACK;
        row.event = "decided";
        row.callbackUrl = url;
        return row;
    }
}
