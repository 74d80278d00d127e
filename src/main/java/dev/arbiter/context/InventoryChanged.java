package dev.arbiter.context;

/**
 * Fired inside a transaction that changed the inventory; {@link ContextCaches} drops the caches of that kind once
 * the transaction has committed, so the next decision reads the change.
 */
public enum InventoryChanged {
    ASSETS, IDENTITIES, INDICATORS
}
