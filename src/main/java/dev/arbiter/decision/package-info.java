/**
 * Decisions: assessing an alert with the active ruleset and its context, storing the decision with its actions
 * and audit events in one transaction (shared by the decisions ready at the same moment), and the read API
 * ({@code /api/v1/decisions}) and dry run ({@code /api/v1/evaluate}). Entities never leave this package; the API
 * speaks {@link dev.arbiter.decision.DecisionView}.
 */
package dev.arbiter.decision;
