/**
 * The alert API: the canonical {@link dev.arbiter.intake.Alert}, parsing and validation into it with each error named
 * by JSON path, size and entity limits, idempotent submission ({@code source}+{@code externalId} and the
 * {@code Idempotency-Key} header). Alerts in other tools' formats are mapped in {@code intake.format}. It hands valid
 * alerts to the decision feature and never evaluates rules itself.
 */
package dev.arbiter.intake;
