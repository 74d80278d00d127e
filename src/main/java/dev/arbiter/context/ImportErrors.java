package dev.arbiter.context;

import java.util.ArrayList;
import java.util.List;

import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;

/**
 * Errors of a bulk import, each naming its row ({@code row 12: criticality}). Rows count from 1: the first data row
 * of a CSV file (the header is not a row) or the first element of a JSON array. The import is all-or-nothing, so
 * any error refuses the whole request.
 */
public final class ImportErrors {

    /** At most this many errors are listed; the detail gives the total. */
    public static final int MAX_LISTED = 100;

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private int total;

    public void add(int row, String field, String message) {
        addRaw("row " + row + ": " + field, message);
    }

    /** An error not tied to one row, such as a missing CSV column ({@code header}). */
    public void addRaw(String field, String message) {
        total++;
        if (errors.size() < MAX_LISTED) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Refuses the import with 422 when any error was found. */
    public void throwIfAny() {
        if (total == 0) {
            return;
        }
        errors.sort(java.util.Comparator.comparingInt(ImportErrors::rowOf).thenComparing(Problem.FieldError::field));
        String detail = total + (total == 1 ? " error" : " errors") + "; nothing was imported"
                + (total > errors.size() ? " (the first " + errors.size() + " are listed)" : "");
        throw ProblemException.invalid(detail, errors);
    }

    /** The row an error names, 0 for errors outside the rows (the header, say), for listing in row order. */
    private static int rowOf(Problem.FieldError error) {
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("^row (\\d+):").matcher(error.field());
        return row.find() ? Integer.parseInt(row.group(1)) : 0;
    }
}
