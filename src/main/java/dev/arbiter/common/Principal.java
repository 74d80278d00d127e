package dev.arbiter.common;

/**
 * Who acted: recorded on every decision and audit event.
 *
 * @param kind user, api-key, token, system or anonymous
 * @param id   a stable identifier
 * @param name a display name
 */
public record Principal(String kind, String id, String name) {

    /** Requests before authentication exists (see the security feature). */
    public static final Principal ANONYMOUS = new Principal("anonymous", "anonymous", "anonymous");

    /** Arbiter itself: schedulers, start-up. */
    public static final Principal SYSTEM = new Principal("system", "arbiter", "Arbiter");
}
