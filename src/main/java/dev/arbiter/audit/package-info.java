/**
 * The decision log: one append-only event per state change, written in the same transaction as the change it
 * records, with the acting principal. Sealing, verification and export grow here. Other features only append.
 */
package dev.arbiter.audit;
