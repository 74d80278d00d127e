package dev.arbiter.security;

import java.util.Set;

/**
 * Roles an organisation defines beyond the built-in six ({@link Roles#ALL}), named by another feature's configuration:
 * the approval feature's approver groups are made of them. They may be given to local users and API keys, they come
 * through from the identity provider's claim like any role, and {@code /api/v1/me} lists them. They open no endpoint
 * by themselves.
 */
public interface TeamRoles {

    /** The role names, none of them built in. */
    Set<String> names();

    /** A built-in role or one of {@link #names()}. */
    default boolean isKnown(String role) {
        return Roles.ALL.contains(role) || names().contains(role);
    }
}
