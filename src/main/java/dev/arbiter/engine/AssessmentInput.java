package dev.arbiter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one assessment may look at: the alert, the facts the context feature found for its entities, and the
 * decision time. Being a value, it is also the context snapshot a decision stores for replay.
 *
 * @param vulnerabilities one fact per distinct CVE the alert names, in the alert's order
 * @param domains         the domain names the alert names, and the URLs' hosts
 * @param urls            the URLs the alert names
 */
public record AssessmentInput(AlertFact alert, List<HostFact> hosts, List<UserFact> users, List<IpFact> ips,
                              List<FileFact> files, List<EntityHistoryFact> history, DecisionTime time,
                              List<VulnerabilityFact> vulnerabilities, List<DomainFact> domains, List<UrlFact> urls) {

    /** An input for an alert that names no domain or URL. */
    public AssessmentInput(AlertFact alert, List<HostFact> hosts, List<UserFact> users, List<IpFact> ips,
                           List<FileFact> files, List<EntityHistoryFact> history, DecisionTime time,
                           List<VulnerabilityFact> vulnerabilities) {
        this(alert, hosts, users, ips, files, history, time, vulnerabilities, List.of(), List.of());
    }

    /** An input for an alert that names no CVE. */
    public AssessmentInput(AlertFact alert, List<HostFact> hosts, List<UserFact> users, List<IpFact> ips,
                           List<FileFact> files, List<EntityHistoryFact> history, DecisionTime time) {
        this(alert, hosts, users, ips, files, history, time, List.of());
    }

    public AssessmentInput {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(time, "time");
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        ips = List.copyOf(ips);
        files = List.copyOf(files);
        history = List.copyOf(history);
        vulnerabilities = List.copyOf(vulnerabilities);
        domains = domains != null ? List.copyOf(domains) : List.of();
        urls = urls != null ? List.copyOf(urls) : List.of();
    }

    /** All facts to insert into a rule session. */
    List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.add(alert);
        facts.add(time);
        facts.addAll(hosts);
        facts.addAll(users);
        facts.addAll(ips);
        facts.addAll(files);
        facts.addAll(history);
        facts.addAll(vulnerabilities);
        facts.addAll(domains);
        facts.addAll(urls);
        return facts;
    }
}
