package dev.arbiter.audit;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.arbiter.common.Principal;

/**
 * Appends audit events. Must be called inside the transaction of the change being recorded, so the event commits
 * or rolls back with it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditLog {

    /** Event types. */
    public static final String ALERT_RECEIVED = "alert.received";
    public static final String DECISION_MADE = "decision.made";
    /** The source reported the alert over (for example an Alertmanager "resolved" notification). */
    public static final String ALERT_RESOLVED = "alert.resolved";
    /** A ruleset bundle passed validation (nothing was activated). */
    public static final String RULESET_VALIDATED = "ruleset.validated";
    /** A ruleset version became the live one. */
    public static final String RULESET_ACTIVATED = "ruleset.activated";
    /** A stored ruleset version was made live again. */
    public static final String RULESET_ROLLED_BACK = "ruleset.rolled_back";
    /** A ruleset failed to build or test; it was not activated. */
    public static final String RULESET_REFUSED = "ruleset.refused";
    /** A candidate ruleset started or stopped being evaluated beside the live one. */
    public static final String RULESET_SHADOW_CHANGED = "ruleset.shadow_changed";

    private final AuditRepository events;
    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(AuditRepository events, Clock clock, ObjectMapper mapper) {
        this.events = events;
        this.clock = clock;
        this.json = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public AuditEvent append(Principal principal, String type, String subjectId, Map<String, ?> payload) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = clock.instant();
        event.principalKind = principal.kind();
        event.principalId = principal.id();
        event.principalName = principal.name();
        event.type = type;
        event.subjectId = subjectId;
        try {
            event.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit payload is not serialisable", e);
        }
        events.persist(event);
        return event;
    }
}
