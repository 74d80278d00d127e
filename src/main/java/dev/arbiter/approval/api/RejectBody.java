package dev.arbiter.approval.api;

/**
 * A rejecting vote.
 *
 * @param reason required, up to 2000 characters: why the action must not go out
 * @param digest optional: the digest the approver looked at; the vote is refused if the action changed since
 */
public record RejectBody(String reason, String digest) {
}
