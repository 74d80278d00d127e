package dev.arbiter.approval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import dev.arbiter.engine.ApprovalRequirement;
import dev.arbiter.engine.ProposedAction;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Limits on automation beyond the approval policy: per action type, at most so many automatic actions per window (a
 * blast-radius budget), and a global kill switch that makes every new action wait for approval. Both only ever add a
 * gate, never remove one; each time they do, the action says why, and both leave audit events.
 */
@ApplicationScoped
public class Safeguards {

    static final String KILL_SWITCH_CHANGED = "kill-switch.changed";
    static final String BUDGET_EXCEEDED = "budget.exceeded";
    private static final Logger LOG = Logger.getLogger(Safeguards.class);

    private final EntityManager em;
    private final ApprovalConfig config;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transaction;
    private final DataSource database;

    Safeguards(EntityManager em, ApprovalConfig config, AuditLog audit, Clock clock,
               TransactionSynchronizationRegistry transaction, DataSource database) {
        this.em = em;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.transaction = transaction;
        this.database = database;
    }

    /** The gate an action gets: the policy's, unless the kill switch or its type's budget holds an automatic action back. */
    record Gate(String gate, Duration expiry, String group, List<String> notes) {

        boolean automatic() {
            return ApprovalRequirement.AUTO.equals(gate);
        }
    }

    /**
     * The effective gate of an action decided now. With {@code record}, inside the deciding transaction: the budget
     * check locks the type's budget row (so racing decisions count one after the other) and an exceeded budget is an
     * audit event. Without, a preview that changes nothing. The count takes in the automatic actions of the type that
     * this transaction has gated and may not have written yet (earlier actions of the same decision, and of the other
     * decisions stored in the same transaction): it reads written rows and does not make the transaction write its
     * pending rows first, so that each action row is inserted once, with its gate, rather than inserted and updated.
     */
    Gate gate(ProposedAction action, String decisionId, String actionId, Instant now, Principal principal,
              boolean record) {
        ApprovalRequirement policy = action.approval();
        if (!policy.automatic()) {
            // a table row that gates without saying for how long or whom falls back to the configured defaults
            Duration expiry = policy.expiryMinutes() != null ? Duration.ofMinutes(policy.expiryMinutes()) : config.defaultExpiry();
            String group = policy.approverGroup() != null ? policy.approverGroup() : config.defaultGroup();
            return new Gate(policy.gate(), expiry, group, List.of());
        }
        Optional<String> killSwitch = engagedKillSwitch();
        if (killSwitch.isPresent()) {
            return held(killSwitch.get());
        }
        Integer budget = config.budgets().get(action.type());
        if (budget == null) {
            return new Gate(policy.gate(), null, null, List.of());
        }
        Instant since = now.minus(config.budgetWindow());
        Set<String> gatedHere = record ? automaticHere(action.type()) : Set.of();
        long used = automaticSince(action.type(), since, budget, gatedHere);
        if (record && used < budget) {
            // Only an action that may still go out automatically needs the lock: a budget already used up by
            // committed decisions cannot free up before this one commits, so holding it back needs no lock. In a
            // flood the budget is soon used up, and decisions stop queueing one behind the other on this row.
            lockBudget(action.type());
            used = automaticSince(action.type(), since, budget, gatedHere);
        }
        if (used < budget) {
            if (record) {
                gatedHere.add(actionId);
            }
            return new Gate(policy.gate(), null, null, List.of());
        }
        long minutes = config.budgetWindow().toMinutes();
        if (record) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("decisionId", decisionId);
            payload.put("actionId", actionId);
            payload.put("actionType", action.type());
            payload.put("target", action.target());
            payload.put("budget", budget);
            payload.put("used", used);
            payload.put("windowMinutes", minutes);
            audit.append(principal, BUDGET_EXCEEDED, decisionId, payload);
        }
        return held("budget for " + action.type() + " exceeded: " + used + " went out automatically in the last " + minutes
                + " minutes, the budget is " + budget + "; this one waits for approval");
    }

    /** The resource key of the automatic actions of budgeted types this transaction has gated, by type. */
    private static final Object AUTOMATIC_HERE = new Object();

    /**
     * The ids of the automatic actions of the type that this transaction has gated. Several decisions can share a
     * transaction ({@code decision.GroupCommit}); none of their actions need be written when the next one is gated,
     * and some may have been (a statement can make Hibernate write what is pending), so the count goes by id.
     */
    @SuppressWarnings("unchecked")
    private Set<String> automaticHere(String type) {
        Map<String, Set<String>> byType = (Map<String, Set<String>>) transaction.getResource(AUTOMATIC_HERE);
        if (byType == null) {
            byType = new HashMap<>();
            transaction.putResource(AUTOMATIC_HERE, byType);
        }
        return byType.computeIfAbsent(type, t -> new HashSet<>());
    }

    /** The resource key of this transaction's reading of the kill switch. */
    private static final Object KILL_SWITCH_READ = new Object();
    private static final String KILL_SWITCH =
            "select engaged, reason, changed_at, changed_by_name from kill_switch where id = " + KillSwitch.ID;

    /**
     * The note an action gets while the kill switch is engaged, read from the database by every decision (so that
     * engaging it on one replica holds back the next decision on any other), once per transaction, as {@code em.find}
     * would. Read with JDBC: loading it as an entity cost 3 % of the service's Java samples under load, which is
     * Hibernate's loader, not the database (issue #9).
     */
    @SuppressWarnings("unchecked")
    private Optional<String> engagedKillSwitch() {
        boolean inTransaction = transaction.getTransactionStatus() == Status.STATUS_ACTIVE;
        if (inTransaction && transaction.getResource(KILL_SWITCH_READ) instanceof Optional<?> known) {
            return (Optional<String>) known;
        }
        Optional<String> note = readKillSwitch();
        if (inTransaction) {
            transaction.putResource(KILL_SWITCH_READ, note);
        }
        return note;
    }

    /**
     * On a connection of the data source, which inside a transaction is the transaction's; outside one (a dry run) it
     * goes back to the pool at once, where a connection lent to {@code Session.doWork} stays with the request's session
     * until the request ends ({@link dev.arbiter.context.EntityHistory} says what that did).
     */
    private Optional<String> readKillSwitch() {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(KILL_SWITCH);
             ResultSet row = statement.executeQuery()) {
            if (!row.next() || !row.getBoolean(1)) {
                return Optional.empty();
            }
            OffsetDateTime changedAt = row.getObject(3, OffsetDateTime.class);
            return Optional.of("kill switch engaged by " + row.getString(4) + " at "
                    + (changedAt == null ? null : changedAt.toInstant()) + ": " + row.getString(2)
                    + "; every action waits for approval");
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the kill switch failed", e);
        }
    }

    private Gate held(String note) {
        return new Gate(ApprovalRequirement.ONE_APPROVER, config.defaultExpiry(), config.defaultGroup(), List.of(note));
    }

    /**
     * The automatic actions of the type decided after {@code since}, counted up to {@code budget}: past that the count
     * changes nothing, and reading them newest first with a limit makes {@code ix_decision_action_budget} the only
     * sensible plan. A {@code count(*)} left the plan to PostgreSQL's estimate, which takes action type and gate to be
     * independent: it expected 112,694 automatic isolations where there were 5 and chose a parallel bitmap scan,
     * which starts two worker processes for each count (one or two counts per automatic action). After each pause in
     * a flood PostgreSQL then spent 17 ms per alert instead of 1.7, for minutes at a time (issue #9). If the budget was
     * lowered below the actions already in the window, the count stops at the new budget.
     */
    private long automaticSince(String type, Instant since, int budget, Set<String> gatedHere) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(AUTOMATIC_SINCE)) {
            statement.setString(1, type);
            statement.setString(2, ApprovalRequirement.AUTO);
            statement.setObject(3, since.atOffset(ZoneOffset.UTC));
            statement.setInt(4, Math.max(budget, 1));
            Set<String> counted = new HashSet<>(gatedHere);
            long written = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    written++;
                    counted.remove(rows.getObject(1).toString());
                }
            }
            // this transaction's actions are decided now, inside the window: those not among the rows read are
            // not written yet
            return written + counted.size();
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the automatic " + type + " actions failed", e);
        }
    }

    /**
     * Run with JDBC, as the kill switch is read: as a Hibernate query it took 1.6 % of the service's Java samples under
     * load, of which running it in the driver was 0.1 % (issue #9).
     * Written rows only, by id: this transaction's pending actions are added to them, not flushed first.
     */
    private static final String AUTOMATIC_SINCE = "select id from decision_action"
            + " where action_type = ? and gate = ? and decided_at > ? order by decided_at desc limit ?";

    private void lockBudget(String type) {
        if (em.find(BudgetLock.class, type, LockModeType.PESSIMISTIC_WRITE) == null) {
            createBudgetRow(type);
            em.find(BudgetLock.class, type, LockModeType.PESSIMISTIC_WRITE);
        }
    }

    /** Creates the budget rows of the configured types, so deciding never has to. */
    void createBudgetRows(@Observes StartupEvent start) {
        config.budgets().keySet().forEach(this::createBudgetRow);
    }

    private void createBudgetRow(String type) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (em.find(BudgetLock.class, type) == null) {
                    BudgetLock row = new BudgetLock();
                    row.actionType = type;
                    em.persist(row);
                }
            });
        } catch (RuntimeException e) {
            // another replica created it at the same moment
            LOG.debugf("Budget row for %s not created here: %s", type, e.getMessage());
        }
    }

    /** The kill switch as it is. */
    @Transactional
    public KillSwitchView killSwitch() {
        return view(em.find(KillSwitch.class, KillSwitch.ID));
    }

    /** Engages or releases the kill switch, with a reason; an audit event either way. */
    @Transactional
    public KillSwitchView setKillSwitch(boolean engaged, String reason, Principal principal) {
        KillSwitch killSwitch = em.find(KillSwitch.class, KillSwitch.ID, LockModeType.PESSIMISTIC_WRITE);
        boolean was = killSwitch.engaged;
        killSwitch.engaged = engaged;
        killSwitch.reason = reason;
        killSwitch.changedAt = clock.instant();
        killSwitch.changedByKind = principal.kind();
        killSwitch.changedById = principal.id();
        killSwitch.changedByName = principal.name();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("engaged", engaged);
        payload.put("wasEngaged", was);
        payload.put("reason", reason);
        audit.append(principal, KILL_SWITCH_CHANGED, "kill-switch", payload);
        return view(killSwitch);
    }

    private static KillSwitchView view(KillSwitch killSwitch) {
        Principal by = killSwitch.changedByKind == null ? null
                : new Principal(killSwitch.changedByKind, killSwitch.changedById, killSwitch.changedByName);
        return new KillSwitchView(killSwitch.engaged, killSwitch.reason, killSwitch.changedAt, by);
    }
}
