package dev.arbiter.common;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of stored rows: UUID version 7 (RFC 9562), a millisecond timestamp followed by random bits, increasing within
 * this process. Rows are inserted at the end of their primary-key and foreign-key indexes, not at random places in
 * them: with random (version 4) ids every insert touched a random leaf page of a dozen indexes, and once those outgrew
 * PostgreSQL's shared buffers its CPU per alert grew through a benchmark flood (issue #9). An id reveals when its row
 * was created, which every API answer states anyway; it is never a secret (tokens stay random).
 */
public final class Ids {

    private static final TimeBasedEpochGenerator VERSION_7 = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    /** A new row id. */
    public static UUID next() {
        return VERSION_7.generate();
    }
}
