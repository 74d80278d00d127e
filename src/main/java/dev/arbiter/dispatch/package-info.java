/**
 * Dispatch: the transactional outbox that takes ready actions to their responders and decision changes to the
 * requester's callback URL, as signed HTTP webhooks with an idempotency key, retried with exponential backoff and
 * full jitter, every attempt recorded, dead letters visible and re-drivable. Rows are queued by observing
 * {@link dev.arbiter.decision.ActionReady} and {@link dev.arbiter.decision.DecisionChanged} inside the deciding
 * transaction, where an action no responder takes is settled at once ({@code no-responder}, re-drivable like a dead
 * letter); a worker on every replica claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease, batch after
 * batch while they come back full, each batch after the last row of the one before, so delivery is at least once and
 * survives a killed replica. A backlog drains as
 * fast as the worker gets CPU: with the default pool it kept up with the benchmark's flood on two cores, and a backlog
 * it falls into is settled once the flood ends (bench/README.md). The requester that callbacks and deliveries name
 * is left in a per-replica cache by the transaction that queued a decision's actions, for this replica's worker to
 * take; it never changes, so a miss (another replica's worker, a restart) costs one read. The worker never decides
 * anything and never calls a responder inside a database transaction.
 */
package dev.arbiter.dispatch;
