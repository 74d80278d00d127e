package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSVC inside an assessment with the shipped rules and tables: which input comes from where, the Deployer and
 * Coordinator outcomes per CVE, and how the most urgent outcome moves priority and actions.
 */
class SsvcAssessmentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final HostFact WEB_01 = new HostFact("web-01", "10.0.0.5", "high", "production", "open", true);
    private static final HostFact BUILD_07 = new HostFact("dev-build-07", "10.0.9.7", "low", "development", "small", true);

    private static Ruleset ruleset;

    @BeforeAll
    static void loadShippedRuleset() {
        ruleset = Ruleset.load(Path.of("rules"), Path.of("dmn"));
    }

    @Test
    void kevCveOnAnInternetFacingHostIsPatchedImmediatelyAtP1() {
        Assessment assessment = ruleset.assess(input("vulnerability", List.of(WEB_01),
                kev("CVE-2021-44228", "yes", "total")));

        SsvcDecision ssvc = single(assessment);
        assertThat(ssvc.inputs()).extracting(SsvcInput::name, SsvcInput::value, SsvcInput::source).containsExactly(
                tuple("Exploitation", "active", "kev"),
                tuple("Automatable", "yes", "ssvc-import"),
                tuple("Technical Impact", "total", "ssvc-import"),
                tuple("System Exposure", "open", "asset"),
                tuple("Safety Impact", "catastrophic", "default"),
                tuple("Mission Impact", "mission failure", "default"),
                tuple("Human Impact", "very high", "derived"),
                tuple("Mission and Well-Being Impact", "high", "default"));
        assertThat(ssvc.inputs().get(3).note()).isEqualTo("web-01");
        assertThat(ssvc.patchPriority()).isEqualTo("immediate");
        assertThat(ssvc.cisaLevel()).isEqualTo("act");
        assertThat(ssvc.matchedRules()).containsExactly("human-impact-15", "deployer-71", "cisa-coordinator-35");

        assertThat(assessment.ssvcPatchPriority()).isEqualTo("immediate");
        assertThat(assessment.level()).as("without SSVC this would be P2").isEqualTo("high");
        assertThat(assessment.priority()).isEqualTo("P1");
        assertThat(assessment.slaMinutes()).isEqualTo(30);
        assertThat(assessment.actions()).extracting(ProposedAction::type, ProposedAction::target)
                .contains(tuple("patch-host", "host:web-01"), tuple("page-on-call", "alert:scanner/V-1"));
        assertThat(assessment.dmn()).extracting(DmnTrace::model, DmnTrace::decision).containsExactly(
                tuple("ssvc-deployer", "Human Impact"),
                tuple("ssvc-deployer", "Patch Application Priority"),
                tuple("ssvc-cisa-coordinator", "CISA Level"),
                tuple("arbiter-priority", "Risk Level"),
                tuple("arbiter-priority", "Priority"),
                tuple("arbiter-response", "Response Actions"));
        assertThat(assessment.dmn().get(4).matchedRules()).containsExactly("priority-ssvc-immediate-important");
    }

    @Test
    void outOfCycleRaisesALowRiskAlertToP3WithAPatchChange() {
        Assessment assessment = ruleset.assess(input("vulnerability", List.of(BUILD_07),
                kev("CVE-2023-4966", "yes", "total")));

        assertThat(single(assessment).patchPriority()).isEqualTo("out-of-cycle");
        assertThat(single(assessment).inputs()).filteredOn(i -> i.name().equals("System Exposure"))
                .extracting(SsvcInput::value, SsvcInput::source, SsvcInput::note).containsExactly(tuple("small", "asset", "dev-build-07"));
        assertThat(assessment.level()).isEqualTo("low");
        assertThat(assessment.priority()).isEqualTo("P3");
        assertThat(assessment.actions()).extracting(ProposedAction::type, ProposedAction::target, ProposedAction::rule)
                .containsExactly(tuple("open-ticket", "alert:scanner/V-1", "response-ticket"),
                        tuple("patch-host", "host:dev-build-07", "response-patch-out-of-cycle"));
    }

    @Test
    void aCveNobodyKnowsGetsTheDocumentedDefaults() {
        Assessment assessment = ruleset.assess(input("vulnerability", List.of(), VulnerabilityFact.unknown("CVE-2026-12345")));

        SsvcDecision ssvc = single(assessment);
        assertThat(ssvc.inputs()).extracting(SsvcInput::name, SsvcInput::value, SsvcInput::source).containsExactly(
                tuple("Exploitation", "none", "default"),
                tuple("Automatable", "yes", "default"),
                tuple("Technical Impact", "total", "default"),
                tuple("System Exposure", "open", "default"),
                tuple("Safety Impact", "catastrophic", "default"),
                tuple("Mission Impact", "mission failure", "default"),
                tuple("Human Impact", "very high", "derived"),
                tuple("Mission and Well-Being Impact", "high", "default"));
        assertThat(ssvc.inputs()).filteredOn(i -> i.source().equals("default")).allSatisfy(i -> assertThat(i.note()).isNotBlank());
        assertThat(ssvc.inputs().get(3).note()).contains("names no host");
        assertThat(ssvc.patchPriority()).isEqualTo("out-of-cycle");
        assertThat(ssvc.cisaLevel()).isEqualTo("attend");
    }

    @Test
    void importedOptionsAreUsedButKevOverridesImportedExploitation() {
        VulnerabilityFact imported = new VulnerabilityFact("CVE-2024-3400", true, LocalDate.parse("2024-04-12"), "Unknown",
                0.94, 0.99, LocalDate.parse("2026-11-24"), "public poc", "no", "partial");
        VulnerabilityFact importedOnly = new VulnerabilityFact("CVE-2024-0001", false, null, null, null, null, null,
                "public poc", "no", "partial");

        Assessment assessment = ruleset.assess(input("vulnerability", List.of(BUILD_07), imported, importedOnly));

        assertThat(assessment.ssvc()).extracting(SsvcDecision::cve).containsExactly("CVE-2024-3400", "CVE-2024-0001");
        assertThat(assessment.ssvc().get(0).inputs().subList(0, 3)).extracting(SsvcInput::value, SsvcInput::source).containsExactly(
                tuple("active", "kev"), tuple("no", "ssvc-import"), tuple("partial", "ssvc-import"));
        assertThat(assessment.ssvc().get(0).inputs().get(0).note()).contains("since 2024-04-12");
        assertThat(assessment.ssvc().get(1).inputs().subList(0, 3)).extracting(SsvcInput::value, SsvcInput::source).containsExactly(
                tuple("public poc", "ssvc-import"), tuple("no", "ssvc-import"), tuple("partial", "ssvc-import"));
        // active, small, no, very high: deployer row 51; public poc, small, no, very high: row 27
        assertThat(assessment.ssvc()).extracting(SsvcDecision::patchPriority).containsExactly("out-of-cycle", "scheduled");
        assertThat(assessment.ssvc()).extracting(SsvcDecision::cisaLevel).containsExactly("attend", "track*");
        assertThat(assessment.ssvcPatchPriority()).as("the most urgent over the CVEs").isEqualTo("out-of-cycle");
    }

    @Test
    void theMostExposedHostCountsAndAnUnknownExposureCountsAsOpen() {
        HostFact controlled = new HostFact("app-02", null, "medium", "production", "controlled", true);
        HostFact unknown = new HostFact("10.9.9.9", null, "unknown", "unknown", "unknown", false);

        SsvcDecision known = single(ruleset.assess(input("vulnerability", List.of(BUILD_07, controlled), VulnerabilityFact.unknown("CVE-2026-0001"))));
        SsvcDecision withUnknown = single(ruleset.assess(input("vulnerability", List.of(BUILD_07, unknown), VulnerabilityFact.unknown("CVE-2026-0001"))));
        SsvcDecision openAndUnknown = single(ruleset.assess(input("vulnerability", List.of(unknown, WEB_01), VulnerabilityFact.unknown("CVE-2026-0001"))));

        assertThat(known.inputs().get(3)).isEqualTo(new SsvcInput("System Exposure", "controlled", "asset", "app-02"));
        assertThat(withUnknown.inputs().get(3)).extracting(SsvcInput::value, SsvcInput::source).containsExactly("open", "default");
        assertThat(withUnknown.inputs().get(3).note()).contains("10.9.9.9");
        assertThat(openAndUnknown.inputs().get(3)).as("a known open host beats an assumed one")
                .isEqualTo(new SsvcInput("System Exposure", "open", "asset", "web-01"));
    }

    @Test
    void theInventorysSafetyAndMissionImpactDecideHumanImpact() {
        HostFact brochureSite = new HostFact("web-01", "10.0.0.5", "high", "production", "open", true, "degraded", "negligible");

        SsvcDecision ssvc = single(ruleset.assess(input("vulnerability", List.of(brochureSite), kev("CVE-2021-44228", "yes", "total"))));

        assertThat(ssvc.inputs().subList(4, 7)).containsExactly(
                new SsvcInput("Safety Impact", "negligible", "asset", "web-01"),
                new SsvcInput("Mission Impact", "degraded", "asset", "web-01"),
                new SsvcInput("Human Impact", "low", "derived", "Human Impact table: Safety Impact by Mission Impact"));
        // active, open, yes, low: deployer row 68, not the very-high row 71 the defaults give
        assertThat(ssvc.matchedRules()).startsWith("human-impact-00", "deployer-68");
        assertThat(ssvc.patchPriority()).isEqualTo("out-of-cycle");
    }

    @Test
    void theMostSevereHostImpactCountsAndAnUnrecordedOneIsAssumedTheWorst() {
        HostFact minor = new HostFact("web-01", null, "high", "production", "open", true, "degraded", "negligible");
        HostFact plant = new HostFact("scada-02", null, "crown-jewel", "production", "small", true, "mef failure", "critical");
        HostFact unrecorded = new HostFact("app-03", null, "medium", "production", "controlled", true);

        SsvcDecision both = single(ruleset.assess(input("vulnerability", List.of(minor, plant), VulnerabilityFact.unknown("CVE-2026-0002"))));
        SsvcDecision withUnrecorded = single(ruleset.assess(input("vulnerability", List.of(minor, unrecorded), VulnerabilityFact.unknown("CVE-2026-0002"))));

        assertThat(both.inputs().subList(4, 7)).extracting(SsvcInput::value, SsvcInput::source, SsvcInput::note).containsExactly(
                tuple("critical", "asset", "scada-02"),
                tuple("mef failure", "asset", "scada-02"),
                tuple("high", "derived", "Human Impact table: Safety Impact by Mission Impact"));
        assertThat(withUnrecorded.inputs().subList(4, 6)).extracting(SsvcInput::value, SsvcInput::source).containsExactly(
                tuple("catastrophic", "default"), tuple("mission failure", "default"));
        assertThat(withUnrecorded.inputs().get(4).note()).contains("records no safety impact for app-03");
    }

    @Test
    void onlyVulnerabilityAlertsGetAnSsvcDecisionButEveryAlertGetsTheVulnerabilityFacts() {
        Assessment assessment = ruleset.assess(input("malware", List.of(WEB_01), kev("CVE-2021-44228", "yes", "total")));

        assertThat(assessment.ssvc()).isEmpty();
        assertThat(assessment.ssvcPatchPriority()).isEqualTo("none");
        assertThat(assessment.firedRules()).contains("Known exploited vulnerability raises risk");
        assertThat(assessment.dmn()).extracting(DmnTrace::model).doesNotContain("ssvc-deployer", "ssvc-cisa-coordinator");
    }

    @Test
    void aVulnerabilityAlertWithoutCvesHasNoSsvcDecision() {
        Assessment assessment = ruleset.assess(input("vulnerability", List.of(WEB_01)));

        assertThat(assessment.ssvc()).isEmpty();
        assertThat(assessment.ssvcPatchPriority()).isEqualTo("none");
    }

    private static SsvcDecision single(Assessment assessment) {
        assertThat(assessment.ssvc()).hasSize(1);
        return assessment.ssvc().get(0);
    }

    /** A CVE in KEV (no ransomware use, no EPSS score) with imported Automatable and Technical Impact. */
    private static VulnerabilityFact kev(String cve, String automatable, String technicalImpact) {
        return new VulnerabilityFact(cve, true, LocalDate.parse("2021-12-10"), "Unknown", null, null, null,
                null, automatable, technicalImpact);
    }

    /** A low-severity alert, 50 % confident, in business hours, with these hosts and CVEs. */
    private static AssessmentInput input(String category, List<HostFact> hosts, VulnerabilityFact... vulnerabilities) {
        AlertFact alert = new AlertFact("scanner", "V-1", "Vulnerable software found", category, "low", 50,
                NOW.minusSeconds(600), Set.of(), Set.of(), Map.of());
        return new AssessmentInput(alert, hosts, List.of(), List.of(), List.of(), List.of(),
                DecisionTime.of(NOW, ZoneId.of("UTC")), List.of(vulnerabilities));
    }
}
