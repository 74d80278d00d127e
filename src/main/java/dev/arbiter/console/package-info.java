/**
 * The web console for people: approvers vote in an inbox, auditors search and export the decision log, everyone with
 * read access sees an overview; rule authors see rulesets and replays. Server-side Qute pages under {@code /console}
 * with htmx and Chart.js served from the application (no CDN). Sign-in is form authentication over the same local
 * users as the API, and, where an identity provider is configured, the OpenID Connect code flow on
 * {@code /console/sso} ({@link dev.arbiter.console.SingleSignOnResource}) with the roles the API reads from the same
 * claim; both end in the same server-side session ({@link dev.arbiter.security.Sessions}, revoked at sign-out). What a
 * page shows follows the viewer's roles ({@link dev.arbiter.console.Viewer}). It reads through the other features'
 * services and read-only queries of its own, changes nothing except through their services (a vote goes through
 * {@link dev.arbiter.approval.ApprovalService}, a session through {@link dev.arbiter.security.Sessions}), and owns no
 * tables. Pages for features
 * that may be absent (the audit chain, stored rulesets and replay) call their {@code /api/v1} endpoints from the
 * browser and say so when they are not there.
 */
package dev.arbiter.console;
