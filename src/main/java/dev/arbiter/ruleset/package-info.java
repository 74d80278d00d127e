/**
 * The rule lifecycle: which ruleset is live ({@link dev.arbiter.ruleset.ActiveRuleset}), stored versions and their
 * statuses, validation, activation from an upload, a stored version or the folders on disk (explicit or by the
 * folder watcher), rollback, convergence of replicas on the live version recorded in the database, replay of
 * recorded alerts against a candidate, and shadow evaluation beside the live ruleset. Compiling, analysing and
 * running scenarios is the engine's (plain Java); this package adds storage, audit, authorization and swapping.
 * It must never let a ruleset that fails to build or test replace the live one, and replay must never write.
 */
package dev.arbiter.ruleset;
