/**
 * Which ruleset is active. Today: the folders on disk, loaded once at start-up (a broken file stops start-up with
 * file, line and message). Versions, validation, activation and rollback grow here.
 */
package dev.arbiter.ruleset;
