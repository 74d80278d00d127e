package dev.arbiter.approval;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.security.Roles;
import dev.arbiter.security.TeamRoles;

/**
 * Membership of the approver groups that the approval policy and escalation name ({@code soc-leads},
 * {@code soc-managers}, …). A group is made of roles ({@code arbiter.approval.group-roles."<group>"}); a person is a
 * member when they hold {@code approver} and one of those roles. The roles come from wherever roles come from: a local
 * user's or API key's roles, or the identity provider's claim. Roles that are not built in are the organisation's
 * {@linkplain TeamRoles team roles}.
 */
@ApplicationScoped
public class ApproverGroups implements TeamRoles {

    private final Map<String, Set<String>> roles;
    private final Set<String> teamRoles;
    private final String defaultGroup;

    ApproverGroups(ApprovalConfig config) {
        this.defaultGroup = config.defaultGroup();
        Map<String, Set<String>> parsed = new TreeMap<>();
        config.groupRoles().forEach((group, list) -> parsed.put(group, Arrays.stream(list.split(",")).map(String::strip)
                .filter(r -> !r.isEmpty()).collect(Collectors.toCollection(TreeSet::new))));
        this.roles = Collections.unmodifiableMap(parsed);
        this.teamRoles = parsed.values().stream().flatMap(Set::stream).filter(r -> !Roles.ALL.contains(r))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> names() {
        return teamRoles;
    }

    /** The roles that make up the group; empty when it has no members. */
    public Set<String> rolesOf(String group) {
        return roles.getOrDefault(group, Set.of());
    }

    /**
     * The groups whose members may vote on a request now: its group (the default group for a request that recorded
     * none) and, once it escalated, the second group.
     */
    public List<String> voting(String group, String escalationGroup, Instant escalatedAt) {
        String asked = group != null ? group : defaultGroup;
        return escalatedAt != null && escalationGroup != null ? List.of(asked, escalationGroup) : List.of(asked);
    }

    /** Whether a person holding these roles belongs to one of the groups. */
    public boolean mayVote(List<String> groups, Predicate<String> hasRole) {
        return groups.stream().anyMatch(group -> isMember(group, hasRole));
    }

    /** The groups of {@link #voting} in words: "the approver group soc-leads and, since it escalated, soc-managers". */
    public static String describe(List<String> groups) {
        return "the approver group " + groups.get(0) + (groups.size() > 1 ? " and, since it escalated, " + groups.get(1) : "");
    }

    /** Whether a person holding these roles may vote for the group. */
    private boolean isMember(String group, Predicate<String> hasRole) {
        return hasRole.test(Roles.APPROVER) && rolesOf(group).stream().anyMatch(hasRole);
    }
}
