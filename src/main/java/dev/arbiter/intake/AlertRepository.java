package dev.arbiter.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored alerts and the entities they name. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<StoredAlert, UUID> {

    private final Event<SubjectsStored> subjectsStored;

    AlertRepository(Event<SubjectsStored> subjectsStored) {
        this.subjectsStored = subjectsStored;
    }

    public Optional<StoredAlert> findBySourceAndExternalId(String source, String externalId) {
        return find("source = ?1 and externalId = ?2", source, externalId).firstResultOptional();
    }

    /**
     * Stores the alert's hosts and users, lower-cased, so later alerts can count them and sum their risk.
     * {@code risk} is what the alert's own decision added to each of them: empty when the decision was suppressed or
     * the alert was attached to an earlier decision. Fires {@link SubjectsStored} with them.
     */
    public void persistSubjects(StoredAlert alert, Alert canonical, Optional<DecidedRisk> risk) {
        EntityManager em = getEntityManager();
        Set<String> hosts = new LinkedHashSet<>();
        for (Alert.Host host : canonical.entitiesOrEmpty().hostsOrEmpty()) {
            hosts.add(normalise(host.hostname() != null ? host.hostname() : host.ip()));
        }
        Set<String> users = new LinkedHashSet<>();
        for (Alert.User user : canonical.entitiesOrEmpty().usersOrEmpty()) {
            users.add(normalise(user.name()));
        }
        List<AlertSubject> subjects = new ArrayList<>(hosts.size() + users.size());
        hosts.forEach(h -> subjects.add(subject(alert, "host", h, risk)));
        users.forEach(u -> subjects.add(subject(alert, "user", u, risk)));
        subjects.forEach(em::persist);
        if (!subjects.isEmpty()) {
            subjectsStored.fire(new SubjectsStored(subjects));
        }
    }

    /** A decision's risk score and time, as it counts towards the entities its alert names. */
    public record DecidedRisk(Instant decidedAt, int score) {
    }

    private static AlertSubject subject(StoredAlert alert, String kind, String entity, Optional<DecidedRisk> risk) {
        AlertSubject subject = new AlertSubject();
        subject.alertId = alert.id;
        subject.kind = kind;
        subject.entity = entity;
        subject.occurredAt = alert.occurredAt;
        risk.ifPresent(r -> {
            subject.decidedAt = r.decidedAt();
            subject.riskScore = r.score();
        });
        return subject;
    }

    public static String normalise(String entity) {
        return entity.toLowerCase(Locale.ROOT);
    }
}
