package dev.arbiter.engine;

/**
 * A response action the tables propose for one target, with what the approval policy requires before it may go out.
 *
 * @param type     e.g. isolate-host, disable-account, block-ip, open-ticket
 * @param target   {@code kind:value}, e.g. {@code host:fin-db-01}
 * @param impact   low, medium or high
 * @param rule     the id of the response table row that proposed it
 * @param approval the approval policy's gate, expiry, approver group and row for it
 */
public record ProposedAction(String type, String target, String impact, String rule, ApprovalRequirement approval) {
}
