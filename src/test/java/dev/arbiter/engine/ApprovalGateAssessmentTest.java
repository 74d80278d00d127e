package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval policy inside an assessment: each proposed action is judged on the facts of its own target, and what
 * Arbiter does not know is assumed fail-safe and said in words on the action.
 */
class ApprovalGateAssessmentTest {

    /** Makes the alert's confidence its score, so a test picks the priority (100 → P1 on any asset). */
    private static final String CONFIDENCE_RULE = """
            package rules;

            import dev.arbiter.engine.AlertFact;
            import dev.arbiter.engine.RiskFactor;

            rule "Test: confidence is the score"
            when
                AlertFact($confidence : confidence)
            then
                insert(new RiskFactor(drools.getRule().getName(), $confidence, "confidence " + $confidence));
            end
            """;

    @TempDir
    static Path dir;

    private static Ruleset ruleset;

    @BeforeAll
    static void load() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("confidence.drl"), CONFIDENCE_RULE);
        ruleset = Ruleset.load(rules, ShippedTables.DMN_DIR);
    }

    @Test
    void containsAnUnknownHostAsIfItWereProductionAndSaysSo() {
        Assessment assessment = assess("malware", List.of(unknownHost("fin-db-09")), List.of(), List.of());

        ApprovalRequirement approval = action(assessment, "isolate-host", "host:fin-db-09").approval();
        assertThat(approval.gate()).isEqualTo("one-approver");
        assertThat(approval.policyRule()).isEqualTo("approval-isolate-production");
        assertThat(approval.expiryMinutes()).isEqualTo(60);
        assertThat(approval.approverGroup()).isEqualTo("soc-leads");
        assertThat(approval.assumptions()).containsExactly("host fin-db-09 is not in the inventory: treated as production");
    }

    @Test
    void judgesEachHostOnItsOwnFacts() {
        Assessment assessment = assess("malware", List.of(host("fin-db-01", "crown-jewel", "production"),
                host("dev-build-07", "low", "development")), List.of(), List.of());

        assertThat(action(assessment, "isolate-host", "host:fin-db-01").approval())
                .isEqualTo(new ApprovalRequirement("two-approvers", 30, "soc-leads", "approval-isolate-crown-jewel", List.of()));
        assertThat(action(assessment, "isolate-host", "host:dev-build-07").approval())
                .isEqualTo(new ApprovalRequirement("auto", null, null, "approval-isolate-non-production", List.of()));
        assertThat(action(assessment, "open-ticket", "alert:edr/A-1").approval().policyRule()).isEqualTo("approval-notifications");
    }

    @Test
    void aKnownHostWithoutAnEnvironmentCountsAsProduction() {
        Assessment assessment = assess("malware", List.of(host("lab-3", "low", "unknown")), List.of(), List.of());

        ApprovalRequirement approval = action(assessment, "isolate-host", "host:lab-3").approval();
        assertThat(approval.policyRule()).isEqualTo("approval-isolate-production");
        assertThat(approval.assumptions()).containsExactly("host lab-3 has no known environment: treated as production");
    }

    @Test
    void disablesAnUnknownAccountOnlyWithApprovalAsIfItWerePrivileged() {
        Assessment assessment = assess("credential-access", List.of(),
                List.of(new UserFact("x.ghost", false, false, false, false), new UserFact("j.doe", false, false, false, true),
                        new UserFact("adm.smith", true, false, false, true)), List.of());

        ApprovalRequirement unknown = action(assessment, "disable-account", "user:x.ghost").approval();
        assertThat(unknown.gate()).isEqualTo("one-approver");
        assertThat(unknown.policyRule()).isEqualTo("approval-disable-privileged");
        assertThat(unknown.assumptions()).containsExactly("account x.ghost is not in the identity inventory: treated as privileged");
        assertThat(action(assessment, "disable-account", "user:adm.smith").approval())
                .isEqualTo(new ApprovalRequirement("one-approver", 30, "identity-admins", "approval-disable-privileged", List.of()));
        assertThat(action(assessment, "disable-account", "user:j.doe").approval())
                .isEqualTo(new ApprovalRequirement("auto", null, null, "approval-disable-unprivileged", List.of()));
    }

    @Test
    void perimeterBlocksWaitForTheNetworkTeam() {
        Assessment assessment = assess("exfiltration", List.of(), List.of(),
                List.of(new IpFact("203.0.113.9", "outbound", true, null)));

        assertThat(action(assessment, "block-ip", "ip:203.0.113.9").approval())
                .isEqualTo(new ApprovalRequirement("one-approver", 60, "network-team", "approval-block-ip", List.of()));
    }

    @Test
    void approvalEvaluationsStayOutOfTheAlertLevelTrace() {
        Assessment assessment = assess("malware", List.of(unknownHost("fin-db-09")), List.of(), List.of());

        assertThat(assessment.dmn()).extracting(DmnTrace::model).doesNotContain(Assessor.APPROVAL_MODEL);
    }

    @Test
    void aRulesetWithoutTheApprovalPolicyDoesNotBuild() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("without-policy/dmn"));
        try (Stream<Path> files = Files.list(ShippedTables.DMN_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dmn") && !f.endsWith("approval-policy.dmn")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }

        Throwable thrown = catchThrowable(() -> Ruleset.load(dir.resolve("rules"), copy));

        assertThat(thrown).isInstanceOf(RulesetException.class);
        assertThat(((RulesetException) thrown).problems()).extracting(RulesetProblem::message)
                .containsExactly("no DMN model named 'arbiter-approval'");
    }

    private static Assessment assess(String category, List<HostFact> hosts, List<UserFact> users, List<IpFact> ips) {
        AlertFact alert = new AlertFact("edr", "A-1", "Test alert", category, "high", 100,
                Instant.parse("2026-11-28T02:14:00Z"), Set.of(), Set.of(), Map.of());
        return ruleset.assess(new AssessmentInput(alert, hosts, users, ips, List.of(), List.of(),
                DecisionTime.of(Instant.parse("2026-11-28T03:00:00Z"), ZoneId.of("UTC"))));
    }

    private static ProposedAction action(Assessment assessment, String type, String target) {
        return assessment.actions().stream().filter(a -> a.type().equals(type) && a.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " on " + target + " in " + assessment.actions()));
    }

    private static HostFact host(String name, String criticality, String environment) {
        return new HostFact(name, null, criticality, environment, "small", true);
    }

    private static HostFact unknownHost(String name) {
        return new HostFact(name, null, "unknown", "unknown", "unknown", false);
    }
}
