package dev.arbiter.approval.api;

import dev.arbiter.common.ProblemException;

/** Limits shared by the request bodies of this API. */
final class VoteBodies {

    static final int MAX_TEXT = 2000;

    private VoteBodies() {
    }

    static void checkLength(String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "must be at most " + MAX_TEXT + " characters");
        }
    }
}
