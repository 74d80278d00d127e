package dev.arbiter.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/** Looks through a failure's chain of causes, where Hibernate, the transaction manager and Vert.x wrap it. */
public final class Causes {

    private Causes() {
    }

    /** Whether the failure or one of its causes passes the test. A chain that loops back on itself is walked once. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
