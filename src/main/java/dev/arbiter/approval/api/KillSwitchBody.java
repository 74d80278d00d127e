package dev.arbiter.approval.api;

/**
 * Engages or releases the kill switch.
 *
 * @param engaged required
 * @param reason  required, up to 1000 characters: recorded on the switch, on the actions it holds back and in the audit log
 */
public record KillSwitchBody(Boolean engaged, String reason) {
}
