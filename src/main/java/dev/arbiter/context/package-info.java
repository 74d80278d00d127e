/**
 * What Arbiter knows beyond the alert: asset criticality, identities, threat-intel matches and entity history,
 * delivered to the engine as facts through {@link dev.arbiter.context.ContextProvider}. Today a small configured
 * list ({@link dev.arbiter.context.ConfiguredContext}); the inventory, intel and vulnerability feeds replace it
 * behind the same interface. Never decides anything itself.
 */
package dev.arbiter.context;
