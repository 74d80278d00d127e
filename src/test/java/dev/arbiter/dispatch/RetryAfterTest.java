package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A receiver's {@code Retry-After}, in both forms RFC 9110 allows, and what is ignored. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-28T02:20:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(WebhookSender.retryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookSender.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheWaitUntilThen() {
        assertThat(WebhookSender.retryAfter("Sat, 28 Nov 2026 02:25:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(WebhookSender.retryAfter("Sat, 28 Nov 2026 02:00:00 GMT", NOW)).as("a date in the past").isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatIsAbsentOrUnreadable() {
        assertThat(WebhookSender.retryAfter(null, NOW)).isNull();
        assertThat(WebhookSender.retryAfter("soon", NOW)).isNull();
        assertThat(WebhookSender.retryAfter("-5", NOW)).isNull();
    }
}
