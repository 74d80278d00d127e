package dev.arbiter.context;

import java.util.Arrays;
import java.util.List;

import dev.arbiter.common.ProblemException;

/** Small helpers the inventory resources share: the page-size parameter and multi-valued CSV cells. */
public final class Pages {

    public static final int MAX_LIMIT = 1000;

    private Pages() {
    }

    /** The {@code limit} query parameter, 1 to {@value #MAX_LIMIT}, or 422 naming it. */
    public static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A CSV cell holding several values separated by {@code ;} or white space; empty when the cell is. */
    public static List<String> split(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.trim().split("[;\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
