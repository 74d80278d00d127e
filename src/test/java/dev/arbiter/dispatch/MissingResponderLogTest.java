package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MissingResponderLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String TICKETS = "no responder is configured for open-ticket";
    private static final String CALLBACKS = "no callback secret is configured";

    private final MissingResponderLog log = new MissingResponderLog();

    @Test
    void warnsAtOnceThenAtMostEveryMinutePerReasonWithTheCountInBetween() {
        UUID first = UUID.randomUUID();
        Optional<String> warning = log.count(first, TICKETS, T0);
        assertThat(warning).hasValueSatisfying(w -> assertThat(w)
                .startsWith("Delivery " + first + " has nowhere to go: " + TICKETS));

        assertThat(log.count(UUID.randomUUID(), TICKETS, T0.plusSeconds(1))).isEmpty();
        assertThat(log.count(UUID.randomUUID(), TICKETS, T0.plus(Duration.ofSeconds(59)))).isEmpty();
        // another reason is not held back by the first one's minute
        assertThat(log.count(UUID.randomUUID(), CALLBACKS, T0.plusSeconds(2))).isPresent();

        UUID latest = UUID.randomUUID();
        assertThat(log.count(latest, TICKETS, T0.plus(MissingResponderLog.EVERY))).hasValueSatisfying(w -> assertThat(w)
                .startsWith("3 deliveries had nowhere to go since the last warning, the latest " + latest + ": " + TICKETS));

        // the count starts again after each warning
        assertThat(log.count(UUID.randomUUID(), TICKETS, T0.plus(MissingResponderLog.EVERY).plusSeconds(30))).isEmpty();
        assertThat(log.count(UUID.randomUUID(), TICKETS, T0.plus(MissingResponderLog.EVERY.multipliedBy(2))))
                .hasValueSatisfying(w -> assertThat(w).startsWith("2 deliveries had nowhere to go"));
    }
}
