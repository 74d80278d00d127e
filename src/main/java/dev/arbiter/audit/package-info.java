/**
 * The decision log: one append-only event per state change, written by {@link dev.arbiter.audit.AuditLog} in the
 * same transaction as the change it records, with the acting principal and an RFC 8785 canonical payload. Owns
 * sealing into a hash chain ({@link dev.arbiter.audit.AuditSealer}), signed checkpoints and their key
 * ({@link dev.arbiter.audit.AuditKeys}), verification, search, streamed export, a decision's history and retention
 * ({@link dev.arbiter.audit.AuditRetention}); the database guard triggers (migration V8_1,
 * {@link dev.arbiter.audit.H2AuditGuard}) back the append-only rule. What is hashed and signed is defined once, in
 * plain Java, in {@code audit.chain}, which the offline verifier shares. Other features only append; nothing here
 * changes another feature's state.
 */
package dev.arbiter.audit;
