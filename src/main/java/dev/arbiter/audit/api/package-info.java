/**
 * HTTP for the decision log: thin resources that map requests to {@link dev.arbiter.audit.AuditService}. Read-only:
 * nothing here writes an event.
 */
package dev.arbiter.audit.api;
