/**
 * Who is acting: authentication (local users with bcrypt passwords over HTTP Basic or the console's login form; the
 * console's server-side sessions, revoked at sign-out, for local users and people from the identity provider; API keys
 * for machine clients,
 * bearer tokens from the organisation's identity provider via SmallRye JWT), roles (the six built in, and the
 * organisation's team roles that another feature declares through {@link dev.arbiter.security.TeamRoles}), lock-out after repeated
 * failures, the admin API for users and keys, and separation of duties as a service other features call.
 * Never logs a credential, token or key.
 */
package dev.arbiter.security;
