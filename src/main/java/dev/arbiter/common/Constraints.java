package dev.arbiter.common;

import java.sql.SQLException;
import java.util.Locale;

import org.hibernate.exception.ConstraintViolationException;

/** Recognises database constraint violations inside the exception chains Hibernate and the transaction manager throw. */
public final class Constraints {

    private Constraints() {
    }

    /**
     * Whether the failure is a violation of the named unique or primary-key constraint (matched case-insensitively,
     * as H2 and PostgreSQL spell names differently), or of any constraint when {@code name} is null.
     */
    public static boolean violated(Throwable failure, String name) {
        return Causes.any(failure, cause -> (cause instanceof ConstraintViolationException violation
                        && (name == null || contains(violation.getConstraintName(), name)
                            || contains(violation.getMessage(), name)))
                || (name != null && cause instanceof SQLException sql && contains(sql.getMessage(), name)));
    }

    private static boolean contains(String text, String name) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
    }
}
