package dev.arbiter.common;

import java.sql.SQLException;
import java.util.Locale;

/** Recognises database constraint violations inside the exception chains Hibernate and the transaction manager throw. */
public final class Constraints {

    private Constraints() {
    }

    /**
     * Whether the failure is a violation of the named unique or primary-key constraint (matched case-insensitively,
     * as H2 and PostgreSQL spell names differently), or of any constraint when {@code name} is null.
     */
    public static boolean violated(Throwable failure, String name) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                if (name == null || contains(violation.getConstraintName(), name) || contains(violation.getMessage(), name)) {
                    return true;
                }
            }
            if (name != null && cause instanceof SQLException sql && contains(sql.getMessage(), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String name) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
    }
}
