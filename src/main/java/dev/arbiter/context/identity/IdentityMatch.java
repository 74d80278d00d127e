package dev.arbiter.context.identity;

/** The identity an alert's account was matched to (case-insensitively). Immutable, for the context cache. */
public record IdentityMatch(String identityId, String accountName, boolean privileged, boolean serviceAccount,
                            boolean vip, String department) {
}
