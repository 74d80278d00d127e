package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each starter rule in {@code rules/} fires on a minimal alert made for it, with its points and a specific reason. */
class StarterRulesTest {

    /** A Wednesday, noon UTC: inside business hours. */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Ruleset ruleset;

    @BeforeAll
    static void loadStarterRules() {
        ruleset = Ruleset.load(Path.of("rules"), Path.of("dmn"));
    }

    /** A rule, an input built so that it fires, and what its factor must say. */
    record Fires(String rule, String when, Alert input, int points, String reasonNames) {
        @Override
        public String toString() {
            return rule + " when " + when;
        }
    }

    /** A rule and an input close to its condition on which it must stay silent. */
    record StaysSilent(String rule, String when, Alert input) {
        @Override
        public String toString() {
            return rule + " stays silent when " + when;
        }
    }

    static Stream<Fires> firingCases() {
        return Stream.of(
                // asset.drl
                new Fires("Crown-jewel asset raises risk", "a crown-jewel host is named",
                        alert().host(host("fin-db-01").criticality("crown-jewel")), 25, "fin-db-01"),
                new Fires("High-criticality asset raises risk", "a high-criticality host is named",
                        alert().host(host("hr-app-02").criticality("high")), 15, "hr-app-02"),
                new Fires("Production asset raises risk", "a production host is named",
                        alert().host(host("web-07").environment("production")), 10, "web-07"),
                new Fires("Development asset lowers risk", "a development host is named",
                        alert().host(host("dev-box-3").environment("development")), -10, "dev-box-3"),
                new Fires("Unknown host raises risk", "the inventory does not know the host",
                        alert().host(unknownHost("10.9.8.7")), 10, "10.9.8.7"),
                new Fires("Internet-exposed asset raises risk", "the host's exposure is open",
                        alert().host(host("vpn-gw-1").exposure("open")), 10, "vpn-gw-1"),
                // identity.drl
                new Fires("Privileged account raises risk", "a privileged account is named",
                        alert().user(account("j.doe").privileged()), 20, "j.doe"),
                new Fires("Service account raises risk", "a service account is named",
                        alert().user(account("svc-backup").serviceAccount()), 10, "svc-backup"),
                new Fires("VIP account raises risk", "a VIP's account is named",
                        alert().user(account("ceo").vip()), 10, "ceo"),
                new Fires("Unknown account raises risk", "the identity inventory does not know the account",
                        alert().user(account("x.unknown").unknown()), 5, "x.unknown"),
                new Fires("Many accounts in one alert raise risk", "three accounts are named",
                        alert().user(account("a.one")).user(account("b.two")).user(account("c.three")),
                        10, "a.one, b.two, c.three"),
                // mitre.drl
                new Fires("Impact tactic raises risk", "tactic TA0040 is reported",
                        alert().tactics("TA0040"), 25, "TA0040"),
                new Fires("Exfiltration tactic raises risk", "tactic TA0010 is reported",
                        alert().tactics("TA0010"), 20, "TA0010"),
                new Fires("Credential access tactic raises risk", "tactic TA0006 is reported",
                        alert().tactics("TA0006"), 15, "TA0006"),
                new Fires("Lateral movement tactic raises risk", "tactic TA0008 is reported",
                        alert().tactics("TA0008"), 15, "TA0008"),
                new Fires("Command and control tactic raises risk", "tactic TA0011 is reported",
                        alert().tactics("TA0011"), 15, "TA0011"),
                new Fires("Privilege escalation tactic raises risk", "tactic TA0004 is reported",
                        alert().tactics("TA0004"), 10, "TA0004"),
                new Fires("PowerShell execution raises risk", "technique T1059.001 is reported",
                        alert().techniques("T1059.001"), 10, "T1059.001"),
                new Fires("OS credential dumping raises risk", "sub-technique T1003.001 is reported",
                        alert().techniques("T1003.001"), 20, "technique T1003.001 (OS credential dumping)"),
                new Fires("OS credential dumping raises risk", "technique T1003 itself is reported",
                        alert().techniques("T1003"), 20, "technique T1003 "),
                new Fires("Data encrypted for impact raises risk", "technique T1486 is reported",
                        alert().techniques("T1486"), 30, "T1486"),
                new Fires("Inhibit system recovery raises risk", "technique T1490 is reported",
                        alert().techniques("T1490"), 20, "T1490"),
                // severity.drl
                new Fires("Critical vendor severity raises risk", "the source says critical",
                        alert().severity("critical"), 30, "critical"),
                new Fires("High vendor severity raises risk", "the source says high",
                        alert().severity("high"), 20, "high"),
                new Fires("Medium vendor severity raises risk", "the source says medium",
                        alert().severity("medium"), 10, "medium"),
                new Fires("Low vendor severity raises risk", "the source says low",
                        alert().severity("low"), 3, "low"),
                new Fires("High detector confidence raises risk", "confidence is 80",
                        alert().confidence(80), 10, "80%"),
                new Fires("Low detector confidence lowers risk", "confidence is 29",
                        alert().confidence(29), -10, "29%"),
                // intel.drl
                new Fires("Known-bad IP address raises risk", "a feed lists the address",
                        alert().ip(ip("203.0.113.9", "inbound").listedBy("abuse-feed")), 25, "203.0.113.9"),
                new Fires("Known-bad file hash raises risk", "a feed lists the hash",
                        alert().file(file(EICAR_SHA256).listedBy("malware-feed")), 25, EICAR_SHA256),
                new Fires("Known-bad file hash raises risk", "a feed lists the MD5 of a file known only by MD5",
                        alert().file(new FileFact(null, "malware-feed", EICAR_MD5)), 25, EICAR_MD5),
                new Fires("Known-bad domain raises risk", "a feed lists the domain itself",
                        alert().domain(new DomainFact("evil.example", "dns-feed", "evil.example")), 20, "evil.example is listed"),
                new Fires("Known-bad domain raises risk", "a feed lists a parent of the domain",
                        alert().domain(new DomainFact("cdn.evil.example", "dns-feed", "evil.example")), 20, "under evil.example"),
                new Fires("Known-bad URL raises risk", "a feed lists the URL",
                        alert().url(new UrlFact("https://evil.example/payload.exe", "url-feed")), 25, "https://evil.example/payload.exe"),
                new Fires("Outbound traffic to a known-bad address raises risk", "traffic goes out to a listed address",
                        alert().ip(ip("198.51.100.23", "outbound").listedBy("abuse-feed")), 10, "198.51.100.23"),
                // time.drl
                new Fires("Alert outside business hours raises risk", "it occurred at 02:14 on a Wednesday",
                        alert().occurredAt("2026-11-25T02:14:00Z"), 10, "WED 02:14"),
                new Fires("Alert outside business hours raises risk", "it occurred at 18:00, when the working day ends",
                        alert().occurredAt("2026-11-24T18:00:00Z"), 10, "TUE 18:00"),
                new Fires("Weekend alert raises risk", "it occurred on a Saturday morning",
                        alert().occurredAt("2026-11-28T10:00:00Z").decidedAt("2026-11-28T10:30:00Z"), 5, "SAT 10:00"),
                new Fires("Stale alert lowers risk", "it occurred 24 h before the decision",
                        alert().occurredAt("2026-11-24T12:00:00Z"), -5, "24 h"),
                // correlation.drl
                new Fires("Repeated alerts on the same host raise risk", "the host had 3 earlier alerts",
                        alert().history(history("host", "fin-db-01", 3)), 15, "fin-db-01"),
                new Fires("Repeated alerts on the same user raise risk", "the account had 3 earlier alerts",
                        alert().history(history("user", "j.doe", 3)), 15, "j.doe"),
                new Fires("Alert storm on one entity raises risk", "the host had 10 earlier alerts",
                        alert().history(history("host", "web-07", 10)), 25, "web-07"),
                new Fires("Alert storm on one entity raises risk", "the account had 12 earlier alerts",
                        alert().history(history("user", "j.doe", 12)), 25, "j.doe"),
                new Fires("Accumulated risk on a host raises risk", "the host accumulated risk 100",
                        alert().history(risk("host", "fin-db-01", 100)), 15, "fin-db-01 has accumulated risk 100"),
                new Fires("Accumulated risk on an account raises risk", "the account accumulated risk 140",
                        alert().history(risk("user", "j.doe", 140)), 15, "j.doe has accumulated risk 140"),
                new Fires("Very high accumulated risk on one entity raises risk", "the host accumulated risk 250",
                        alert().history(risk("host", "web-07", 250)), 20, "host web-07 has accumulated risk 250"),
                new Fires("Very high accumulated risk on one entity raises risk", "the account accumulated risk 400",
                        alert().history(risk("user", "j.doe", 400)), 20, "user j.doe"),
                // vulnerability.drl
                new Fires("Known exploited vulnerability raises risk", "the CVE is in KEV",
                        alert().vulnerability(kev("CVE-2021-44228", "Unknown")), 25, "CVE-2021-44228 is in CISA's KEV catalog since 2021-12-10"),
                new Fires("Ransomware-linked vulnerability raises risk", "KEV knows ransomware campaigns using the CVE",
                        alert().vulnerability(kev("CVE-2021-44228", "Known")), 10, "CVE-2021-44228"),
                new Fires("Likely exploitation raises risk", "the EPSS probability is 10 %",
                        alert().vulnerability(epss("CVE-2024-3400", 0.1)), 10, "CVE-2024-3400 has an EPSS probability of 10 %"));
    }

    static Stream<StaysSilent> silentCases() {
        return Stream.of(
                new StaysSilent("Known exploited vulnerability raises risk", "the CVE is not in KEV, however likely",
                        alert().vulnerability(epss("CVE-2024-3400", 0.97))),
                new StaysSilent("Ransomware-linked vulnerability raises risk", "KEV knows no ransomware use",
                        alert().vulnerability(kev("CVE-2021-44228", "Unknown"))),
                new StaysSilent("Likely exploitation raises risk", "the EPSS probability is 9.9 %",
                        alert().vulnerability(epss("CVE-2024-3400", 0.099))),
                new StaysSilent("Likely exploitation raises risk", "the CVE has no EPSS score",
                        alert().vulnerability(VulnerabilityFact.unknown("CVE-2026-0001"))),
                new StaysSilent("High-criticality asset raises risk", "the host is medium criticality",
                        alert().host(host("hr-app-02").criticality("medium"))),
                new StaysSilent("Production asset raises risk", "the host is in staging",
                        alert().host(host("web-07").environment("staging"))),
                new StaysSilent("Development asset lowers risk", "the host is in staging",
                        alert().host(host("web-07").environment("staging"))),
                new StaysSilent("Unknown host raises risk", "the inventory knows the host",
                        alert().host(host("fin-db-01"))),
                new StaysSilent("Internet-exposed asset raises risk", "the host's exposure is controlled",
                        alert().host(host("vpn-gw-1").exposure("controlled"))),
                new StaysSilent("Unknown account raises risk", "the inventory knows the account",
                        alert().user(account("j.doe"))),
                new StaysSilent("Many accounts in one alert raise risk", "two accounts are named",
                        alert().user(account("a.one")).user(account("b.two"))),
                new StaysSilent("Many accounts in one alert raise risk", "one account is named three times",
                        alert().user(account("a.one")).user(account("a.one")).user(account("a.one"))),
                new StaysSilent("PowerShell execution raises risk", "only the parent technique T1059 is reported",
                        alert().techniques("T1059")),
                new StaysSilent("PowerShell execution raises risk", "a sibling sub-technique T1059.003 is reported",
                        alert().techniques("T1059.003")),
                new StaysSilent("OS credential dumping raises risk", "only technique T10030 is reported",
                        alert().techniques("T10030")),
                new StaysSilent("Impact tactic raises risk", "TA0040 appears as a technique, not a tactic",
                        alert().techniques("TA0040")),
                new StaysSilent("Low vendor severity raises risk", "the source says informational",
                        alert().severity("informational")),
                new StaysSilent("High detector confidence raises risk", "confidence is 79",
                        alert().confidence(79)),
                new StaysSilent("Low detector confidence lowers risk", "confidence is 30",
                        alert().confidence(30)),
                new StaysSilent("Known-bad IP address raises risk", "no feed lists the address",
                        alert().ip(ip("203.0.113.9", "outbound"))),
                new StaysSilent("Known-bad file hash raises risk", "no feed lists the hash",
                        alert().file(file(EICAR_SHA256))),
                new StaysSilent("Known-bad domain raises risk", "no feed lists the domain or a parent",
                        alert().domain(new DomainFact("example.org", null, null))),
                new StaysSilent("Known-bad URL raises risk", "no feed lists the URL",
                        alert().url(new UrlFact("https://example.org/", null))),
                new StaysSilent("Outbound traffic to a known-bad address raises risk", "the listed address is inbound",
                        alert().ip(ip("203.0.113.9", "inbound").listedBy("abuse-feed"))),
                new StaysSilent("Outbound traffic to a known-bad address raises risk", "the outbound address is not listed",
                        alert().ip(ip("203.0.113.9", "outbound"))),
                new StaysSilent("Alert outside business hours raises risk", "it occurred at 08:00 on a weekday",
                        alert().occurredAt("2026-11-25T08:00:00Z")),
                new StaysSilent("Alert outside business hours raises risk", "it occurred at 17:59 on a weekday",
                        alert().occurredAt("2026-11-24T17:59:00Z")),
                new StaysSilent("Alert outside business hours raises risk", "it occurred on a Saturday night",
                        alert().occurredAt("2026-11-28T02:00:00Z").decidedAt("2026-11-28T03:00:00Z")),
                new StaysSilent("Weekend alert raises risk", "it occurred late on a Friday",
                        alert().occurredAt("2026-11-27T23:00:00Z").decidedAt("2026-11-27T23:30:00Z")),
                new StaysSilent("Stale alert lowers risk", "it occurred 23 h 59 min before the decision",
                        alert().occurredAt("2026-11-24T12:01:00Z")),
                new StaysSilent("Stale alert lowers risk", "it occurred after the decision time",
                        alert().occurredAt("2026-11-25T13:00:00Z")),
                new StaysSilent("Repeated alerts on the same host raise risk", "the host had 2 earlier alerts",
                        alert().history(history("host", "fin-db-01", 2))),
                new StaysSilent("Repeated alerts on the same host raise risk", "a user, not a host, had 5 earlier alerts",
                        alert().history(history("user", "j.doe", 5))),
                new StaysSilent("Repeated alerts on the same user raise risk", "the account had 2 earlier alerts",
                        alert().history(history("user", "j.doe", 2))),
                new StaysSilent("Repeated alerts on the same user raise risk", "a host, not a user, had 5 earlier alerts",
                        alert().history(history("host", "fin-db-01", 5))),
                new StaysSilent("Alert storm on one entity raises risk", "the host had 9 earlier alerts",
                        alert().history(history("host", "web-07", 9))),
                new StaysSilent("Accumulated risk on a host raises risk", "the host accumulated risk 99",
                        alert().history(risk("host", "fin-db-01", 99))),
                new StaysSilent("Accumulated risk on a host raises risk", "an account, not a host, accumulated risk 150",
                        alert().history(risk("user", "j.doe", 150))),
                new StaysSilent("Accumulated risk on an account raises risk", "the account accumulated risk 99",
                        alert().history(risk("user", "j.doe", 99))),
                new StaysSilent("Accumulated risk on an account raises risk", "a host, not an account, accumulated risk 150",
                        alert().history(risk("host", "fin-db-01", 150))),
                new StaysSilent("Very high accumulated risk on one entity raises risk", "the host accumulated risk 249",
                        alert().history(risk("host", "web-07", 249))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firingCases")
    void ruleAddsItsFactor(Fires example) {
        Assessment assessment = ruleset.assess(example.input().build());

        assertThat(assessment.factors())
                .filteredOn(factor -> factor.getRule().equals(example.rule()))
                .singleElement()
                .satisfies(factor -> {
                    assertThat(factor.getPoints()).isEqualTo(example.points());
                    assertThat(factor.getReason()).contains(example.reasonNames());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("silentCases")
    void ruleStaysSilent(StaysSilent example) {
        Assessment assessment = ruleset.assess(example.input().build());

        assertThat(assessment.firedRules()).doesNotContain(example.rule());
        assertThat(assessment.factors()).extracting(RiskFactor::getRule).doesNotContain(example.rule());
    }

    @Test
    void everyRuleHasAFiringCaseAndEveryCaseARule() {
        Set<String> covered = firingCases().map(Fires::rule).collect(Collectors.toCollection(TreeSet::new));

        assertThat(ruleset.ruleNames()).isEqualTo(covered);
    }

    @Test
    void everySilentCaseNamesAnExistingRule() {
        assertThat(silentCases().map(StaysSilent::rule)).allMatch(ruleset.ruleNames()::contains);
    }

    @Test
    void quietAlertFiresNoRule() {
        Assessment assessment = ruleset.assess(alert().build());

        assertThat(assessment.firedRules()).isEmpty();
        assertThat(assessment.factors()).isEmpty();
        assertThat(assessment.score()).isZero();
    }

    @Test
    void scoreIsCappedAtHundred() {
        Assessment assessment = ruleset.assess(alert()
                .severity("critical").confidence(95)
                .tactics("TA0040").techniques("T1486", "T1490")
                .host(host("fin-db-01").criticality("crown-jewel").environment("production"))
                .user(account("j.doe").privileged())
                .build());

        assertThat(assessment.factors().stream().mapToInt(RiskFactor::getPoints).sum()).isGreaterThan(100);
        assertThat(assessment.score()).isEqualTo(100);
    }

    @Test
    void scoreIsFlooredAtZero() {
        Assessment assessment = ruleset.assess(alert()
                .confidence(10)
                .occurredAt("2026-11-23T12:00:00Z")
                .host(host("dev-box-3").environment("development"))
                .build());

        assertThat(assessment.factors()).extracting(RiskFactor::getRule).containsExactlyInAnyOrder(
                "Low detector confidence lowers risk", "Stale alert lowers risk", "Development asset lowers risk");
        assertThat(assessment.factors().stream().mapToInt(RiskFactor::getPoints).sum()).isEqualTo(-25);
        assertThat(assessment.score()).isZero();
    }

    @Test
    void ruleMatchingTwoHostsCountsOnceWithBothReasons() {
        Assessment assessment = ruleset.assess(alert()
                .host(host("fin-db-01").criticality("crown-jewel"))
                .host(host("fin-db-02").criticality("crown-jewel"))
                .build());

        assertThat(assessment.factors()).singleElement().satisfies(factor -> {
            assertThat(factor.getRule()).isEqualTo("Crown-jewel asset raises risk");
            assertThat(factor.getPoints()).isEqualTo(25);
            assertThat(factor.getReason()).contains("fin-db-01", "fin-db-02");
        });
        assertThat(assessment.score()).isEqualTo(25);
    }

    // Inputs: a quiet alert (informational, 50 % confident, an hour old, inside business hours, no entities)
    // that each case changes only where its rule looks.

    private static final String EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    private static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";

    static Alert alert() {
        return new Alert();
    }

    static Host host(String hostname) {
        return new Host(hostname);
    }

    static HostFact unknownHost(String ip) {
        return new HostFact(null, ip, "unknown", "unknown", "unknown", false);
    }

    static Account account(String name) {
        return new Account(name);
    }

    static Ip ip(String address, String direction) {
        return new Ip(address, direction);
    }

    static File file(String sha256) {
        return new File(sha256);
    }

    static EntityHistoryFact history(String kind, String entity, int priorAlerts) {
        return new EntityHistoryFact(kind, entity, priorAlerts, 24);
    }

    /** An entity with no recent alerts but this accumulated risk (half-life 24 h). */
    static EntityHistoryFact risk(String kind, String entity, int accumulatedRisk) {
        return new EntityHistoryFact(kind, entity, 0, 24, accumulatedRisk, 24);
    }

    /** A CVE in KEV since 2021-12-10, without EPSS score or SSVC options. */
    static VulnerabilityFact kev(String cve, String ransomwareUse) {
        return new VulnerabilityFact(cve, true, java.time.LocalDate.parse("2021-12-10"), ransomwareUse, null, null, null,
                null, null, null);
    }

    /** A CVE not in KEV with this EPSS probability. */
    static VulnerabilityFact epss(String cve, double probability) {
        return new VulnerabilityFact(cve, false, null, null, probability, 0.5, java.time.LocalDate.parse("2026-11-24"),
                null, null, null);
    }

    /** Builds an {@link AssessmentInput}; starts as the quiet alert. */
    static final class Alert {
        private String severity = "informational";
        private int confidence = 50;
        private Instant decidedAt = NOW;
        private Instant occurredAt = NOW.minus(Duration.ofHours(1));
        private final Set<String> tactics = new LinkedHashSet<>();
        private final Set<String> techniques = new LinkedHashSet<>();
        private final List<HostFact> hosts = new ArrayList<>();
        private final List<UserFact> users = new ArrayList<>();
        private final List<IpFact> ips = new ArrayList<>();
        private final List<FileFact> files = new ArrayList<>();
        private final List<EntityHistoryFact> history = new ArrayList<>();
        private final List<VulnerabilityFact> vulnerabilities = new ArrayList<>();
        private final List<DomainFact> domains = new ArrayList<>();
        private final List<UrlFact> urls = new ArrayList<>();

        Alert severity(String severity) {
            this.severity = severity;
            return this;
        }

        Alert confidence(int confidence) {
            this.confidence = confidence;
            return this;
        }

        Alert occurredAt(String instant) {
            this.occurredAt = Instant.parse(instant);
            return this;
        }

        Alert decidedAt(String instant) {
            this.decidedAt = Instant.parse(instant);
            return this;
        }

        Alert tactics(String... ids) {
            tactics.addAll(List.of(ids));
            return this;
        }

        Alert techniques(String... ids) {
            techniques.addAll(List.of(ids));
            return this;
        }

        Alert host(Host host) {
            return host(host.fact());
        }

        Alert host(HostFact host) {
            hosts.add(host);
            return this;
        }

        Alert user(Account account) {
            users.add(account.fact());
            return this;
        }

        Alert ip(Ip ip) {
            ips.add(ip.fact());
            return this;
        }

        Alert file(File file) {
            files.add(file.fact());
            return this;
        }

        Alert history(EntityHistoryFact entry) {
            history.add(entry);
            return this;
        }

        Alert file(FileFact file) {
            files.add(file);
            return this;
        }

        Alert domain(DomainFact domain) {
            domains.add(domain);
            return this;
        }

        Alert url(UrlFact url) {
            urls.add(url);
            return this;
        }

        Alert vulnerability(VulnerabilityFact vulnerability) {
            vulnerabilities.add(vulnerability);
            return this;
        }

        AssessmentInput build() {
            AlertFact alert = new AlertFact("test-siem", "T-1", "Starter rule scenario", "other", severity, confidence,
                    occurredAt, tactics, techniques, Map.of());
            return new AssessmentInput(alert, hosts, users, ips, files, history, DecisionTime.of(decidedAt, ZoneId.of("UTC")),
                    vulnerabilities, domains, urls);
        }
    }

    /** A host the inventory knows: medium criticality, staging, controlled exposure unless changed. */
    static final class Host {
        private final String hostname;
        private String criticality = "medium";
        private String environment = "staging";
        private String exposure = "controlled";

        Host(String hostname) {
            this.hostname = hostname;
        }

        Host criticality(String criticality) {
            this.criticality = criticality;
            return this;
        }

        Host environment(String environment) {
            this.environment = environment;
            return this;
        }

        Host exposure(String exposure) {
            this.exposure = exposure;
            return this;
        }

        HostFact fact() {
            return new HostFact(hostname, "10.0.0.10", criticality, environment, exposure, true);
        }
    }

    /** An ordinary human account the inventory knows unless changed. */
    static final class Account {
        private final String name;
        private boolean privileged;
        private boolean serviceAccount;
        private boolean vip;
        private boolean known = true;

        Account(String name) {
            this.name = name;
        }

        Account privileged() {
            privileged = true;
            return this;
        }

        Account serviceAccount() {
            serviceAccount = true;
            return this;
        }

        Account vip() {
            vip = true;
            return this;
        }

        Account unknown() {
            known = false;
            return this;
        }

        UserFact fact() {
            return new UserFact(name, privileged, serviceAccount, vip, known);
        }
    }

    /** An external address that no feed lists unless changed. */
    static final class Ip {
        private final String address;
        private final String direction;
        private String intelSource;

        Ip(String address, String direction) {
            this.address = address;
            this.direction = direction;
        }

        Ip listedBy(String feed) {
            intelSource = feed;
            return this;
        }

        IpFact fact() {
            return new IpFact(address, direction, true, intelSource);
        }
    }

    /** A file hash that no feed lists unless changed. */
    static final class File {
        private final String sha256;
        private String intelSource;

        File(String sha256) {
            this.sha256 = sha256;
        }

        File listedBy(String feed) {
            intelSource = feed;
            return this;
        }

        FileFact fact() {
            return new FileFact(sha256, intelSource);
        }
    }
}
