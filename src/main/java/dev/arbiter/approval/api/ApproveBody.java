package dev.arbiter.approval.api;

/**
 * An approving vote.
 *
 * @param comment optional, up to 2000 characters
 * @param digest  optional: the digest the approver looked at; the vote is refused if the action changed since
 */
public record ApproveBody(String comment, String digest) {
}
