/**
 * The approval HTTP API: {@code /api/v1/approvals} (inbox, one approval, approve, reject) and
 * {@code /api/v1/kill-switch}. Maps HTTP to {@link dev.arbiter.approval.ApprovalService} and
 * {@link dev.arbiter.approval.Safeguards}; holds no rules of its own beyond request-body limits.
 */
package dev.arbiter.approval.api;
