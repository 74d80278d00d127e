package dev.arbiter.approval;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Approvals: the sweep, the gate given to actions a budget or the kill switch holds back, budgets and escalation. */
@ConfigMapping(prefix = "arbiter.approval")
public interface ApprovalConfig {

    /** How often every replica sweeps for overdue and nearly due approvals (e.g. {@code 30s}); {@code off} disables it. */
    @WithDefault("30s")
    String sweepInterval();

    /** How long approvers have for an action held back by a budget or the kill switch. */
    @WithDefault("PT1H")
    Duration defaultExpiry();

    /** The group asked to approve an action held back by a budget or the kill switch. */
    @WithDefault("soc-leads")
    String defaultGroup();

    /**
     * Who belongs to each approver group: comma-separated roles, any one of which, held together with
     * {@code approver}, makes a person a member. A group without an entry has no members: its requests can only expire
     * (denied). See {@link ApproverGroups}.
     */
    Map<String, String> groupRoles();

    /** Automatic actions allowed per action type within {@link #budgetWindow()}; past it, they wait for approval. */
    Map<String, Integer> budgets();

    /** The sliding window budgets count in. */
    @WithDefault("PT1H")
    Duration budgetWindow();

    /** Escalation of approvals nobody has decided shortly before their deadline. */
    Escalation escalation();

    /** Escalation settings. */
    interface Escalation {

        /** Whether to escalate at all; without it a request simply expires (denied) at its deadline. */
        @WithDefault("false")
        boolean enabled();

        /** The second group notified. */
        @WithDefault("soc-managers")
        String group();

        /** How long before the deadline to escalate. */
        @WithDefault("PT15M")
        Duration before();

        /** How much longer the deadline becomes, once. */
        @WithDefault("PT30M")
        Duration extension();
    }
}
