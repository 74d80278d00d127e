package dev.arbiter.approval;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.arbiter.common.CountGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs expiry and escalation: once at start-up (requests that fell due while no replica ran are expired before
 * anything else happens) and then every {@code arbiter.approval.sweep-interval} on every replica. Replicas need no
 * coordination: each claims due rows with {@code SKIP LOCKED} (see {@link ApprovalRepository}). {@code /q/metrics}
 * shows the requests pending, across replicas.
 */
@ApplicationScoped
public class ApprovalSweep {

    private static final Logger LOG = Logger.getLogger(ApprovalSweep.class);

    private final ApprovalService approvals;

    ApprovalSweep(ApprovalService approvals, MeterRegistry registry, DataSource database) {
        this.approvals = approvals;
        CountGauge.register(registry, database, "arbiter.approvals.pending",
                "Approval requests waiting for votes (all replicas)",
                "select count(*) from approval_request where status = 'pending'");
    }

    void onStart(@Observes StartupEvent start) {
        int expired = approvals.expireOverdue();
        if (expired > 0) {
            LOG.infof("Expired %d approval requests that fell due while Arbiter was not running", expired);
        }
    }

    @Scheduled(identity = "approval-sweep", every = "${arbiter.approval.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        int expired = approvals.expireOverdue();
        int escalated = approvals.escalateDue();
        if (expired + escalated > 0) {
            LOG.debugf("Approval sweep: %d expired, %d escalated", expired, escalated);
        }
    }
}
