package dev.arbiter.console;

import java.util.Set;
import java.util.TreeSet;

import dev.arbiter.security.CurrentPrincipal;
import dev.arbiter.security.Roles;

/**
 * Who is looking at the console and what their roles let them see and do; pages show only what the viewer can use.
 *
 * @param inbox    the approval inbox (approvers)
 * @param log      the decision log and decision pages (anyone who reads decisions)
 * @param export   the export buttons (auditors)
 * @param overview the charts (anyone who reads decisions)
 * @param rulesets the rulesets page (rule authors, auditors, admins)
 * @param replay   the replay form (rule authors)
 */
public record Viewer(String name, Set<String> roles, boolean inbox, boolean log, boolean export, boolean overview,
                     boolean rulesets, boolean replay) {

    static Viewer of(CurrentPrincipal current) {
        Set<String> roles = new TreeSet<>();
        Roles.ALL.stream().filter(current::hasRole).forEach(roles::add);
        boolean readsDecisions = roles.contains(Roles.ANALYST) || roles.contains(Roles.APPROVER) || roles.contains(Roles.AUDITOR);
        return new Viewer(current.get().name(), roles,
                roles.contains(Roles.APPROVER),
                readsDecisions,
                roles.contains(Roles.AUDITOR),
                readsDecisions,
                roles.contains(Roles.RULE_AUTHOR) || roles.contains(Roles.AUDITOR) || roles.contains(Roles.ADMIN),
                roles.contains(Roles.RULE_AUTHOR));
    }

    /** The roles as a sentence fragment: "approver, auditor". */
    public String roleList() {
        return roles.isEmpty() ? "no roles" : String.join(", ", roles);
    }
}
