/**
 * Assets: the API ({@code /api/v1/assets}), CSV and JSON imports, and {@link dev.arbiter.context.asset.AssetLookup},
 * which matches an alert's host by name or address. Owns the {@code asset} tables; decides nothing.
 */
package dev.arbiter.context.asset;
