package dev.arbiter.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/** The context settings as the real configuration mapping reads and validates them. */
class ContextConfigTest {

    @Test
    void historyLimitDefaultsToAHundredAndTakesAnotherValue() {
        assertThat(config(Map.of()).historyLimit()).isEqualTo(100);
        assertThat(config(Map.of("arbiter.context.history-limit", "1000")).historyLimit()).isEqualTo(1000);
    }

    @Test
    void historyLimitBelowOneIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> config(Map.of("arbiter.context.history-limit", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("arbiter.context.history-limit");
    }

    @Test
    void historyIsHeldFiveSecondsByDefaultZeroReadsEveryTimeAndANegativeTtlIsRefused() {
        assertThat(config(Map.of()).historyCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config(Map.of()).historyCacheEntities()).isEqualTo(10_000);
        assertThat(config(Map.of("arbiter.context.history-cache-ttl", "PT0S")).historyCacheTtl()).isZero();
        assertThatThrownBy(() -> config(Map.of("arbiter.context.history-cache-ttl", "PT-1S")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("arbiter.context.history-cache-ttl");
        assertThatThrownBy(() -> config(Map.of("arbiter.context.history-cache-entities", "-1")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("arbiter.context.history-cache-entities");
    }

    private static ContextConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ContextConfig.class)
                .withValidator((BeanValidationConfigValidator) () -> Validation.byDefaultProvider().configure()
                        .messageInterpolator(new ParameterMessageInterpolator())
                        .buildValidatorFactory().getValidator())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(ContextConfig.class);
    }
}
