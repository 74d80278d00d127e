package dev.arbiter.engine;

/**
 * A response action the tables propose for one target.
 *
 * @param type   e.g. isolate-host, disable-account, block-ip, open-ticket
 * @param target {@code kind:value}, e.g. {@code host:fin-db-01}
 * @param impact low, medium or high
 * @param rule   the id of the DMN row that proposed it
 */
public record ProposedAction(String type, String target, String impact, String rule) {
}
