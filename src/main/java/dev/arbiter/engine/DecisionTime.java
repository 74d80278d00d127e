package dev.arbiter.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The decision time and the organisation's working hours, given to the rules as a fact so that a replay
 * reproduces a decision: rules never read the wall clock.
 *
 * @param now           when the decision is made
 * @param zone          the organisation's time zone
 * @param businessStart first minute of the working day
 * @param businessEnd   end of the working day (exclusive)
 */
public record DecisionTime(Instant now, ZoneId zone, LocalTime businessStart, LocalTime businessEnd) {

    public DecisionTime {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(businessStart, "businessStart");
        Objects.requireNonNull(businessEnd, "businessEnd");
    }

    /** Working hours 08:00 to 18:00 in the given zone. */
    public static DecisionTime of(Instant now, ZoneId zone) {
        return new DecisionTime(now, zone, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    public Instant getNow() {
        return now;
    }

    /** Whether the instant falls on a Saturday or Sunday in the organisation's zone. */
    public boolean isWeekend(Instant instant) {
        DayOfWeek day = ZonedDateTime.ofInstant(instant, zone).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** Whether the instant falls on a weekday outside working hours. Weekends are reported by {@link #isWeekend}. */
    public boolean isOutsideBusinessHours(Instant instant) {
        if (isWeekend(instant)) {
            return false;
        }
        LocalTime time = ZonedDateTime.ofInstant(instant, zone).toLocalTime();
        return time.isBefore(businessStart) || !time.isBefore(businessEnd);
    }

    /** Whole hours from the instant to the decision time; negative when the instant is in the future. */
    public long hoursBefore(Instant instant) {
        return Duration.between(instant, now).toHours();
    }

    /** Local time of the instant, for reasons. */
    public String localTime(Instant instant) {
        ZonedDateTime local = ZonedDateTime.ofInstant(instant, zone);
        return local.getDayOfWeek().toString().substring(0, 3) + " " + local.toLocalTime().withNano(0) + " " + zone.getId();
    }
}
