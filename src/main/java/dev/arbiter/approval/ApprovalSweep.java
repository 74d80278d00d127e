package dev.arbiter.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs expiry and escalation: once at start-up (requests that fell due while no replica ran are expired before
 * anything else happens) and then every {@code arbiter.approval.sweep-interval} on every replica. Replicas need no
 * coordination: each claims due rows with {@code SKIP LOCKED} (see {@link ApprovalRepository}).
 */
@ApplicationScoped
public class ApprovalSweep {

    private static final Logger LOG = Logger.getLogger(ApprovalSweep.class);

    private final ApprovalService approvals;

    ApprovalSweep(ApprovalService approvals) {
        this.approvals = approvals;
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
