package dev.arbiter.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.chain.ChainCodec;
import dev.arbiter.common.Principal;

/**
 * Appends audit events. Must be called inside the transaction of the change being recorded, so the event commits
 * or rolls back with it. The payload is stored as RFC 8785 canonical JSON; the event is sealed into the hash chain
 * later by {@link AuditSealer}.
 *
 * <p>Coverage — every state change appends one of these types (features own their constants; the list is kept
 * here so an auditor finds it in one place, and {@code AuditCoverageResourceTest} checks a representative flow):
 * <ul>
 * <li>intake and decisions: {@code alert.received}, {@code decision.made}, {@code alert.deduplicated},
 *     {@code alert.resolved}</li>
 * <li>approvals: {@code approval.requested}, {@code approval.voted}, {@code approval.approved},
 *     {@code approval.rejected}, {@code approval.expired}, {@code approval.escalated}, {@code approval.voided},
 *     {@code budget.exceeded}, {@code kill-switch.changed}</li>
 * <li>dispatch ({@code action.*} to responders, {@code callback.*} to requesters): {@code .dispatched},
 *     {@code .attempt}, {@code .succeeded}, {@code .failed}, {@code .dead-lettered}, {@code .no-responder},
 *     {@code .redriven}</li>
 * <li>context: {@code asset.}, {@code identity.}, {@code indicator.} {@code created/updated/deleted/imported};
 *     {@code vulnerability.kev-imported}, {@code .epss-imported}, {@code .ssvc-imported}</li>
 * <li>suppressions: {@code suppression.created}, {@code suppression.revoked}</li>
 * <li>security: {@code user.created}, {@code user.password-changed}, {@code user.deleted},
 *     {@code api-key.created}, {@code api-key.revoked}, {@code auth.locked}</li>
 * <li>rulesets (the ruleset feature): {@code ruleset.validated}, {@code ruleset.activated},
 *     {@code ruleset.rolled_back}, {@code ruleset.refused}</li>
 * <li>the log itself: {@code audit.purged}</li>
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditLog {

    /** Event types. */
    public static final String ALERT_RECEIVED = "alert.received";
    public static final String DECISION_MADE = "decision.made";
    /** The source reported the alert over (for example an Alertmanager "resolved" notification). */
    public static final String ALERT_RESOLVED = "alert.resolved";
    /** Retention archived and deleted the events up to a chain index. */
    public static final String AUDIT_PURGED = "audit.purged";
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
        this.json = mapper;
    }

    public AuditEvent append(Principal principal, String type, String subjectId, Map<String, ?> payload) {
        AuditEvent event = new AuditEvent();
        // the databases keep microseconds; the hash must cover what is stored
        event.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        event.principalKind = principal.kind();
        event.principalId = principal.id();
        event.principalName = principal.name();
        event.type = type;
        event.subjectId = subjectId;
        event.payload = ChainCodec.canonicalJsonOf(payload).orElseGet(() -> serialised(payload));
        event.decisionId = text(payload.get("decisionId"));
        event.priority = text(payload.get("priority"));
        event.actionType = text(payload.get("actionType"));
        event.rulesetVersion = text(payload.get("rulesetVersion"));
        // The id comes from a block of the sequence that one lock guards for the whole service, and taking the next
        // block reads the sequence on this transaction's connection. A transaction that had no connection yet took
        // the lock and waited for one, while every connection was held by a transaction waiting for the lock, until
        // the pool's acquisition timeout failed them (issue #9). So the connection comes first; the transaction keeps
        // it to its end either way.
        events.getEntityManager().unwrap(Session.class).doWork(connection -> { });
        events.persist(event);
        return event;
    }

    /** A payload with other values (numbers not integers, records, times…): as Jackson writes it, in RFC 8785. */
    private String serialised(Map<String, ?> payload) {
        try {
            return ChainCodec.canonicalJson(json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit payload is not serialisable", e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
