package dev.arbiter.context;

import java.time.Instant;

import dev.arbiter.intake.Alert;

/** Looks up what is known about an alert's entities, as of the decision time. Reads only. */
public interface ContextProvider {

    AlertContext contextFor(Alert alert, Instant decisionTime);
}
