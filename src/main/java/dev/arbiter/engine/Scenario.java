package dev.arbiter.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One scenario test as a rule author writes it in {@code rules/tests/*.yaml}: an alert, what Arbiter knows about
 * its entities, the decision time, and what the ruleset must conclude. Everything but the alert's category and
 * severity and the expectations has a default, so a scenario states only what matters to it.
 *
 * @param name         what the scenario shows, in a SOC analyst's words; unique in its file
 * @param decisionTime when the decision is made; default the alert's {@code occurredAt}
 * @param zone         the organisation's time zone; default UTC (working hours 08:00 to 18:00)
 */
public record Scenario(String name, Instant decisionTime, ZoneId zone, AlertSpec alert, ContextSpec context, Expect expect) {

    /** When neither the alert nor the scenario says: a Wednesday at 10:00 UTC, inside working hours. */
    static final Instant DEFAULT_TIME = Instant.parse("2026-11-25T10:00:00Z");

    /** A file of scenarios. */
    public record File(List<Scenario> scenarios) {
    }

    /**
     * The alert, as the canonical API takes it, flattened.
     *
     * @param confidence default 50
     * @param occurredAt default the decision time
     */
    public record AlertSpec(String source, String externalId, String title, String category, String severity,
                            Integer confidence, Instant occurredAt, List<String> tactics, List<String> techniques,
                            Map<String, String> attributes) {
    }

    /** What the context knows about the alert's entities; an omitted list is empty. */
    public record ContextSpec(List<HostSpec> hosts, List<UserSpec> users, List<IpSpec> ips, List<FileSpec> files,
                              List<HistorySpec> history, List<VulnerabilitySpec> vulnerabilities, List<DomainSpec> domains,
                              List<UrlSpec> urls) {
    }

    /** A host; {@code known: false} is a host the inventory does not know (every property then unknown). */
    public record HostSpec(String hostname, String ip, String criticality, String environment, String exposure,
                           Boolean known, String missionImpact, String safetyImpact) {
    }

    /** An account; {@code known: false} is one the identity inventory does not know. */
    public record UserSpec(String name, boolean privileged, boolean serviceAccount, boolean vip, Boolean known) {
    }

    /**
     * An IP address.
     *
     * @param external default: true unless the address is private, loopback or link-local
     * @param intel    the feed that lists it as bad, if any
     */
    public record IpSpec(String address, String direction, Boolean external, String intel) {
    }

    /** A file by SHA-256 and/or MD5, and the feed that lists it as bad, if any. */
    public record FileSpec(String sha256, String md5, String intel) {
    }

    /**
     * A domain name, and the feed that lists it (or a parent of it) as bad, if any.
     *
     * @param listedAs the listed domain that matched; default: the name itself
     */
    public record DomainSpec(String name, String intel, String listedAs) {
    }

    /** A URL, and the feed that lists it as bad, if any. */
    public record UrlSpec(String url, String intel) {
    }

    /** An entity's recent past: prior alerts in the window (default 24 h) and accumulated risk. */
    public record HistorySpec(String kind, String entity, int priorAlerts, Integer windowHours, int accumulatedRisk,
                              Double halfLifeHours) {
    }

    /** A CVE with what the feeds say about it; {@code ransomware: true} is KEV's "Known" ransomware use. */
    public record VulnerabilitySpec(String cve, boolean kev, LocalDate kevDateAdded, boolean ransomware, Double epss,
                                    Double epssPercentile, String exploitation, String automatable, String technicalImpact) {
    }

    /**
     * What the ruleset must conclude; an omitted expectation is not checked.
     *
     * @param actions  exactly these actions, each {@code type} or {@code type target} (e.g. {@code isolate-host host:fin-db-01})
     * @param fired    rules that must fire
     * @param notFired rules that must not fire
     */
    public record Expect(String priority, Range score, String level, Integer slaMinutes, List<String> actions,
                         List<String> fired, List<String> notFired, List<SsvcExpect> ssvc) {
    }

    /** The SSVC outcome for one CVE. */
    public record SsvcExpect(String cve, String patchPriority, String cisaLevel) {
    }

    /** A score, exactly ({@code score: 40}) or as a range ({@code score: {min: 40, max: 60}}), bounds included. */
    public record Range(Integer min, Integer max) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Range exactly(int score) {
            return new Range(score, score);
        }

        boolean contains(int value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }

        @Override
        public String toString() {
            return Objects.equals(min, max) ? String.valueOf(min)
                    : (min != null ? min : "") + ".." + (max != null ? max : "");
        }
    }

    /** The assessment input this scenario describes. */
    AssessmentInput input(String file) {
        if (alert == null || alert.category() == null || alert.severity() == null) {
            throw new IllegalArgumentException("alert.category and alert.severity are required");
        }
        Instant occurred = alert.occurredAt() != null ? alert.occurredAt() : decisionTime != null ? decisionTime : DEFAULT_TIME;
        Instant now = decisionTime != null ? decisionTime : occurred;
        AlertFact fact = new AlertFact(or(alert.source(), "scenario"), or(alert.externalId(), file + "#" + name),
                or(alert.title(), name), alert.category(), alert.severity(), alert.confidence() != null ? alert.confidence() : 50,
                occurred, new LinkedHashSet<>(list(alert.tactics())), new LinkedHashSet<>(list(alert.techniques())),
                alert.attributes() != null ? alert.attributes() : Map.of());
        ContextSpec found = context != null ? context : new ContextSpec(null, null, null, null, null, null, null, null);
        return new AssessmentInput(fact,
                list(found.hosts()).stream().map(Scenario::host).toList(),
                list(found.users()).stream().map(u -> new UserFact(u.name(), u.privileged(), u.serviceAccount(), u.vip(),
                        u.known() == null || u.known())).toList(),
                list(found.ips()).stream().map(ip -> new IpFact(ip.address(), or(ip.direction(), "unknown"),
                        ip.external() != null ? ip.external() : isExternal(ip.address()), ip.intel())).toList(),
                list(found.files()).stream().map(f -> new FileFact(f.sha256(), f.intel(), f.md5())).toList(),
                list(found.history()).stream().map(h -> new EntityHistoryFact(h.kind(), h.entity(), h.priorAlerts(),
                        h.windowHours() != null ? h.windowHours() : 24, h.accumulatedRisk(),
                        h.halfLifeHours() != null ? h.halfLifeHours() : 24)).toList(),
                DecisionTime.of(now, zone != null ? zone : ZoneId.of("UTC")),
                list(found.vulnerabilities()).stream().map(v -> new VulnerabilityFact(v.cve(), v.kev(),
                        v.kevDateAdded() != null ? v.kevDateAdded() : v.kev() ? LocalDate.of(2021, 12, 10) : null,
                        v.kev() ? (v.ransomware() ? "Known" : "Unknown") : null, v.epss(), v.epssPercentile(),
                        v.epss() != null ? LocalDate.ofInstant(now, ZoneId.of("UTC")) : null,
                        v.exploitation(), v.automatable(), v.technicalImpact())).toList(),
                list(found.domains()).stream().map(d -> new DomainFact(d.name(), d.intel(),
                        d.intel() == null ? null : or(d.listedAs(), d.name()))).toList(),
                list(found.urls()).stream().map(u -> new UrlFact(u.url(), u.intel())).toList());
    }

    private static HostFact host(HostSpec h) {
        boolean known = h.known() == null || h.known();
        if (!known) {
            return new HostFact(h.hostname(), h.ip(), "unknown", "unknown", "unknown", false);
        }
        return new HostFact(h.hostname(), h.ip(), or(h.criticality(), "unknown"), or(h.environment(), "unknown"),
                or(h.exposure(), "unknown"), true, or(h.missionImpact(), "unknown"), or(h.safetyImpact(), "unknown"));
    }

    private static boolean isExternal(String address) {
        try {
            InetAddress ip = InetAddress.getByName(address); // a literal: no name look-up
            return !(ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress());
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values != null ? values : List.of();
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
