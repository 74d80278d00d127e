/**
 * Approvals: what stands between a decided action and its dispatch. Per gated action (the engine's approval policy
 * table, then blast-radius budgets and the kill switch in {@link dev.arbiter.approval.Safeguards}) an approval request
 * with a quorum, an approver group and a deadline; votes by members of that group ({@link
 * dev.arbiter.approval.ApproverGroups}, whose roles it lends to security as team roles) under four-eyes rules and
 * bound to the action's digest;
 * expiry (default-deny) and escalation by a sweep every replica runs safely. Owns its tables; changes a decision's
 * actions only through their status, and tells others through {@link dev.arbiter.decision.ActionReady} and
 * {@link dev.arbiter.decision.DecisionChanged}. It never dispatches anything itself. The HTTP API is in
 * {@code approval.api}.
 */
package dev.arbiter.approval;
