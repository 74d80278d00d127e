/**
 * What Arbiter knows beyond the alert, delivered to the engine as facts through
 * {@link dev.arbiter.context.ContextProvider}: the inventory of assets ({@code asset}), identities ({@code identity})
 * and threat-intel indicators ({@code intel}), each with its API and bulk imports, and per-entity history with
 * decaying accumulated risk ({@link dev.arbiter.context.EntityHistory}, whose newest rows each replica holds briefly
 * and keeps current with the alerts it commits). {@link dev.arbiter.context.InventoryContext} matches an alert's
 * entities through short-TTL caches that writes invalidate. Never decides anything itself.
 */
package dev.arbiter.context;
