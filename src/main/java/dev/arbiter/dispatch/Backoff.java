package dev.arbiter.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): after the n-th
 * failed attempt the next waits a uniformly random time in (0, min(cap, base × 2^(n−1))], so receivers that
 * failed together are not hit again together. Never zero, so a failed delivery is never due again at once.
 */
final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.toMillis() < 1 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("Backoff needs 1 ms <= base <= cap, got base " + base + ", cap " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The ceiling of the wait after {@code failedAttempts} failures (1 for the first): min(cap, base × 2^(n−1)). */
    Duration ceiling(int failedAttempts) {
        long ceiling = baseMillis;
        for (int doubled = 1; doubled < failedAttempts && ceiling < capMillis; doubled++) {
            ceiling *= 2; // base <= cap, so this stops before overflowing
        }
        return Duration.ofMillis(Math.min(ceiling, capMillis));
    }

    /** The wait before the next attempt, after {@code failedAttempts} failures. */
    Duration delay(int failedAttempts) {
        return Duration.ofMillis(random.nextLong(1, ceiling(failedAttempts).toMillis() + 1));
    }
}
