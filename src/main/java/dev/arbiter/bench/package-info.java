/**
 * The benchmark's floor (issue #9, {@code bench/}): a bare endpoint that parses an alert exactly as the alert API does
 * and inserts one row in one transaction, so a benchmark can compare Arbiter's full pipeline with the I/O it cannot
 * avoid on the same machine and build. Off unless {@code arbiter.bench.floor.enabled} is set; it must never take part
 * in deciding alerts, and nothing else may depend on it.
 */
package dev.arbiter.bench;
