package dev.arbiter.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), new SplittableRandom(42));

    @Test
    void ceilingDoublesFromTheBaseUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofSeconds(640));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void delayIsFullJitterBetweenZeroAndTheCeilingButNeverZero() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                Duration delay = backoff.delay(attempt);
                assertThat(delay).isPositive().isLessThanOrEqualTo(backoff.ceiling(attempt));
                seen.add(delay);
            }
            assertThat(seen).as("jittered, not fixed").hasSizeGreaterThan(100);
        }
    }

    @Test
    void smallestAndLargestDrawsStayInRange() {
        RandomGenerator lowest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long origin, long bound) {
                return origin;
            }
        };
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1;
            }

            @Override
            public long nextLong(long origin, long bound) {
                return bound - 1;
            }
        };
        assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), lowest).delay(3)).isEqualTo(Duration.ofMillis(1));
        assertThat(new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), highest).delay(3)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesABaseAboveTheCapOrBelowAMillisecond() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(20), Duration.ofMinutes(15), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(15), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
