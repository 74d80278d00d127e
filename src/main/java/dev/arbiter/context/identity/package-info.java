/**
 * Identities: the API ({@code /api/v1/identities}), CSV and JSON imports, and
 * {@link dev.arbiter.context.identity.IdentityLookup}, which matches an alert's account by name. Owns the
 * {@code inventory_identity} table; decides nothing.
 */
package dev.arbiter.context.identity;
