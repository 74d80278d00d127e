package dev.arbiter.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The warnings about deliveries that have nowhere to go: at most one a minute per reason, counting the deliveries
 * since the last one. An action type without a responder would otherwise write a line per action, and in a flood
 * that is hundreds a second (a benchmark run wrote 241,871 of them, 70 MB). Nothing is lost by counting: every such
 * delivery has its audit event and is listed with the dead letters until it is re-driven.
 */
final class MissingResponderLog {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final Map<String, Tally> tallies = new HashMap<>();

    private static final class Tally {
        Instant lastWarned;
        long unreported;
    }

    /** Counts one delivery that has nowhere to go; returns the warning to log now, when one is due. */
    synchronized Optional<String> count(UUID delivery, String reason, Instant now) {
        Tally tally = tallies.computeIfAbsent(reason, r -> new Tally());
        tally.unreported++;
        if (tally.lastWarned != null && now.isBefore(tally.lastWarned.plus(EVERY))) {
            return Optional.empty();
        }
        String what = tally.unreported == 1
                ? "Delivery " + delivery + " has nowhere to go"
                : tally.unreported + " deliveries had nowhere to go since the last warning, the latest " + delivery;
        tally.lastWarned = now;
        tally.unreported = 0;
        return Optional.of(what + ": " + reason + " (listed with the dead letters; re-drive them once a responder is"
                + " configured; this warning repeats at most every " + EVERY.toMinutes() + " minute per reason)");
    }
}
