package dev.arbiter.suppression;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import dev.arbiter.intake.Alert;

/** Creates, revokes and lists suppressions, and finds the one that applies to an alert at a given time. */
@ApplicationScoped
@Transactional
public class SuppressionService {

    static final String CREATED = "suppression.created";
    static final String REVOKED = "suppression.revoked";

    private final SuppressionRepository suppressions;
    private final AuditLog audit;
    private final Clock clock;
    private final SuppressionConfig config;
    private final ActiveSuppressions active;
    private final Event<ActiveSuppressions.SuppressionsChanged> changes;

    SuppressionService(SuppressionRepository suppressions, AuditLog audit, Clock clock, SuppressionConfig config,
                       ActiveSuppressions active, Event<ActiveSuppressions.SuppressionsChanged> changes) {
        this.suppressions = suppressions;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.active = active;
        this.changes = changes;
    }

    /** What a decision records about the suppression that silenced it. */
    public record Applied(UUID id, String reason, Instant expiresAt) {
    }

    public SuppressionView create(SuppressionData data, Principal principal) {
        Instant now = clock.instant();
        if (data.matcher().isEmpty()) {
            throw ProblemException.invalid("$.matcher", "give at least one of source, category, host, user, titleContains");
        }
        if (!data.expiresAt().isAfter(now)) {
            throw ProblemException.invalid("$.expiresAt", "must be in the future");
        }
        if (data.expiresAt().isAfter(now.plus(Duration.ofDays(config.maxDays())))) {
            throw ProblemException.invalid("$.expiresAt", "must be at most " + config.maxDays() + " days ahead");
        }
        Suppression suppression = new Suppression();
        suppression.id = Ids.next();
        suppression.source = blankToNull(data.matcher().source());
        suppression.category = data.matcher().category();
        suppression.host = lower(data.matcher().host());
        suppression.user = lower(data.matcher().user());
        suppression.titleContains = blankToNull(data.matcher().titleContains());
        suppression.reason = data.reason().trim();
        suppression.createdAt = now;
        suppression.expiresAt = data.expiresAt();
        suppression.createdBy = principal.name();
        suppressions.persist(suppression);
        audit.append(principal, CREATED, subject(suppression.id), payload(suppression));
        changes.fire(new ActiveSuppressions.SuppressionsChanged());
        return SuppressionView.of(suppression, now);
    }

    /** Ends a suppression now; it stays on record. */
    public SuppressionView revoke(UUID id, Principal principal) {
        Suppression suppression = suppressions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No suppression with id " + id));
        Instant now = clock.instant();
        if (suppression.revokedAt == null) {
            suppression.revokedAt = now;
            suppression.revokedBy = principal.name();
            audit.append(principal, REVOKED, subject(id), payload(suppression));
            changes.fire(new ActiveSuppressions.SuppressionsChanged());
        }
        return SuppressionView.of(suppression, now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SuppressionView> find(UUID id) {
        return suppressions.findByIdOptional(id).map(s -> SuppressionView.of(s, clock.instant()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SuppressionView.Page list(boolean activeOnly, int limit) {
        Instant now = clock.instant();
        return new SuppressionView.Page(suppressions.newest(activeOnly, now, limit).stream().map(s -> SuppressionView.of(s, now)).toList());
    }

    /** The oldest suppression active at the instant whose every given field matches the alert. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Applied> activeFor(Alert alert, Instant instant) {
        return active.at(instant).stream().filter(s -> s.matches(alert)).findFirst()
                .map(s -> new Applied(s.id(), s.reason(), s.expiresAt()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Applied> applied(UUID id) {
        return suppressions.findByIdOptional(id).map(s -> new Applied(s.id, s.reason, s.expiresAt));
    }

    private static String subject(UUID id) {
        return "suppression:" + id;
    }

    private static Map<String, Object> payload(Suppression s) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", s.id.toString());
        Map<String, Object> matcher = new LinkedHashMap<>();
        matcher.put("source", s.source);
        matcher.put("category", s.category);
        matcher.put("host", s.host);
        matcher.put("user", s.user);
        matcher.put("titleContains", s.titleContains);
        payload.put("matcher", matcher);
        payload.put("reason", s.reason);
        payload.put("expiresAt", s.expiresAt.toString());
        if (s.revokedAt != null) {
            payload.put("revokedAt", s.revokedAt.toString());
        }
        return payload;
    }

    private static String lower(String value) {
        String trimmed = blankToNull(value);
        return trimmed != null ? trimmed.toLowerCase(Locale.ROOT) : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
