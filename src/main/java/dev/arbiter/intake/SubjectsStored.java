package dev.arbiter.intake;

import java.util.List;

/**
 * The entity rows of one stored alert, fired in its storing transaction; observers that need them committed observe
 * after success (entity history keeps what it holds current with them).
 */
public record SubjectsStored(List<AlertSubject> subjects) {
}
