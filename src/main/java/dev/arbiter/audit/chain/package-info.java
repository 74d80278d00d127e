/**
 * The hash chain in plain Java (no Quarkus, no JPA, no database): what an event's canonical form and hash are, what
 * a checkpoint signs, the JSON Lines export format, and the verifier. Shared by the server and the offline verifier
 * ({@code bin/verify-audit}); changing anything here changes every hash, so it must not change silently.
 */
package dev.arbiter.audit.chain;
