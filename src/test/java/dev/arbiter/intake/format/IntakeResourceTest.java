package dev.arbiter.intake.format;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.StoredAlert;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A document exactly as each tool emits it, posted unchanged, gets an explained decision and is kept as sent. */
@QuarkusTest
@TestSecurity(user = "siem", roles = {Roles.INGEST, Roles.ANALYST})
class IntakeResourceTest {

    @jakarta.inject.Inject
    dev.arbiter.context.TestInventory testInventory;

    /** The inventory these tests' hosts, accounts and addresses rely on. */
    @org.junit.jupiter.api.BeforeEach
    void seedInventory() {
        testInventory.seedStarterInventory();
    }

    @Inject
    AlertRepository alerts;

    @Inject
    TestClock clock;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void ocsfDetectionFindingOnACrownJewelIsP1() {
        FormatFixtures.Fresh finding = FormatFixtures.fresh("ocsf", "powershell-detection.json", "nw-det-7f3a9c21");

        post("ocsf", finding.text())
                .statusCode(Status.CREATED.getStatusCode())
                .header("Location", matchesPattern(".*/api/v1/decisions/[0-9a-f-]{36}"))
                .body("source", equalTo("ocsf:northwind-endpoint-sensor"))
                .body("externalId", equalTo(finding.id()))
                .body("priority", equalTo("P1"))
                .body("risk.factors.rule", hasItems("Crown-jewel asset raises risk", "PowerShell execution raises risk",
                        "Command and control tactic raises risk", "Known-bad IP address raises risk",
                        "High detector confidence raises risk"))
                .body("risk.factors.find { it.rule == 'High vendor severity raises risk' }.reason",
                        equalTo("ocsf:northwind-endpoint-sensor rated the alert high"))
                .body("actions.findAll { it.type == 'isolate-host' }.target", hasItem("host:fin-db-01"))
                .body("actions.findAll { it.type == 'block-ip' }.target", hasItem("ip:203.0.113.9"));

        assertRawKept("ocsf:northwind-endpoint-sensor", finding.id(), finding.text());
    }

    @Test
    void ecsElasticSecurityAlertAsksToDisableThePrivilegedAccount() {
        String id = "5f0e3c2a91d84b7aa6c1f2e37d904b1c8e52a6f0d3b4c9e1a7f8d2b6c0e4a913";
        FormatFixtures.Fresh alert = FormatFixtures.fresh("ecs", "elastic-security-signal.json", id);

        post("ecs", alert.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("priority", equalTo("P1"))
                .body("risk.factors.rule", hasItems("OS credential dumping raises risk", "Privileged account raises risk",
                        "Credential access tactic raises risk", "Critical vendor severity raises risk"))
                .body("actions.find { it.type == 'disable-account' }.target", equalTo("user:adm.smith"))
                .body("actions.find { it.type == 'disable-account' }.status", equalTo("pending-approval"));

        assertRawKept("ecs", alert.id(), alert.text());
    }

    @Test
    void suricataAlertToAKnownBadAddressIsP1() {
        FormatFixtures.Fresh eve = FormatFixtures.fresh("suricata", "et-malware-c2.json", "1183457812283011");

        ExtractableResponse<Response> decision = post("suricata", eve.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("source", equalTo("suricata"))
                .body("priority", equalTo("P1"))
                .body("risk.factors.find { it.rule == 'Known-bad IP address raises risk' }.reason",
                        equalTo("203.0.113.9 is listed as bad by example-feed"))
                .body("risk.factors.find { it.rule == 'High vendor severity raises risk' }.reason",
                        equalTo("suricata rated the alert high"))
                .body("risk.factors.rule", hasItems("Outbound traffic to a known-bad address raises risk",
                        "Command and control tactic raises risk"))
                .body("actions.findAll { it.type == 'isolate-host' }.target", hasItem("host:10.2.3.4"))
                .extract();

        String externalId = decision.path("externalId");
        assertThat(externalId).startsWith("sensor-core-1/" + eve.id() + ":1:2039999:");
        assertRawKept("suricata", externalId, eve.text());
    }

    @Test
    void falcoShellInAContainerIsExplained() {
        FormatFixtures.Fresh event = FormatFixtures.fresh("falco", "terminal-shell-in-container.json",
                "8a6f3c2e-1d4b-4e7a-9c0f-5b2d8e1a7c34");

        post("falco", event.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("risk.factors.rule", hasItems("High-criticality asset raises risk", "Internet-exposed asset raises risk",
                        "Unknown account raises risk"))
                .body("risk.factors.find { it.rule == 'Low vendor severity raises risk' }.reason",
                        equalTo("falco rated the alert low"))
                .body("explanation.dmn.decision", equalTo(List.of("Risk Level", "Priority", "Response Actions")));

        assertRawKept("falco", event.id(), event.text());
    }

    @Test
    void guardDutyFindingInEventBridgeBlocksTheCommandAndControlAddress() {
        FormatFixtures.Fresh event = FormatFixtures.fresh("guardduty", "backdoor-cc-eventbridge.json",
                "a2c6f1e8d4b09e7a1c3f5d2b8e6a4c10");

        post("guardduty", event.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("source", equalTo("aws-guardduty"))
                .body("priority", equalTo("P1"))
                .body("risk.factors.rule", hasItems("Known-bad IP address raises risk",
                        "Outbound traffic to a known-bad address raises risk", "High-criticality asset raises risk"))
                .body("actions.findAll { it.type == 'block-ip' }.target", hasItem("ip:198.51.100.77"))
                .body("actions.findAll { it.type == 'isolate-host' }.target", hasItem("host:web-01"));

        assertRawKept("aws-guardduty", event.id(), event.text());
    }

    @Test
    void guardDutyIamFindingWithoutHostStillDecides() {
        FormatFixtures.Fresh finding = FormatFixtures.fresh("guardduty", "console-login-no-host-ipv6.json",
                "0b9a8c7d6e5f40312a1b2c3d4e5f6a7b");

        post("guardduty", finding.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("risk.factors.rule", hasItems("Privileged account raises risk", "Medium vendor severity raises risk"))
                .body("actions.findAll { it.type == 'isolate-host' }", equalTo(List.of()));
    }

    @Test
    void wazuhBruteForceFromAKnownBadAddress() {
        FormatFixtures.Fresh alert = FormatFixtures.fresh("wazuh", "sshd-brute-force.json", "1795832038.2219871");

        post("wazuh", alert.text())
                .statusCode(Status.CREATED.getStatusCode())
                .body("priority", equalTo("P1"))
                .body("risk.factors.rule", hasItems("Known-bad IP address raises risk", "Credential access tactic raises risk",
                        "Medium vendor severity raises risk"))
                .body("actions.findAll { it.type == 'disable-account' }.target", hasItem("user:admin"));

        assertRawKept("wazuh", alert.id(), alert.text());
    }

    @Test
    void theSameDocumentTwiceGetsTheFirstDecision() {
        FormatFixtures.Fresh alert = FormatFixtures.fresh("wazuh", "vulnerability-detector.json", "1795831514.9981234");
        String first = post("wazuh", alert.text()).statusCode(Status.CREATED.getStatusCode()).extract().path("id");
        long stored = alerts.count();

        post("wazuh", alert.text())
                .statusCode(Status.OK.getStatusCode())
                .body("id", equalTo(first));

        assertThat(alerts.count()).isEqualTo(stored);
    }

    @Test
    void everyFixtureOfEveryOneAlertFormatDecides() {
        String[][] fixtures = {
                {"ocsf", "exploit-multiple-cves.json", "fab-waf-2026-11-28-000981"},
                {"ocsf", "ipv6-lateral-movement.json", "ndr-5512-ab90"},
                {"ocsf", "unicode-no-device.json", "tig-🔐-000042"},
                {"ecs", "ids-scan-no-host.json", "ids-evt-4a7b9c2d"},
                {"ecs", "ipv6-malware-default-severity.json", "av-2026-11-28-00017"},
                {"ecs", "unicode-impossible-travel.json", "idp-7781-øå"},
                {"suricata", "log4j-multiple-cves.json", "2241098876500193"},
                {"suricata", "ipv6-scan.json", "9033417700152214"},
                {"suricata", "unicode-policy-internal.json", "557120033481"},
                {"falco", "outbound-c2-ipv6.json", "b.sh"},
                {"falco", "sensitive-file-unicode.json", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"},
                {"falco", "k8s-audit-no-hostname.json", "sh -c id"},
                {"guardduty", "cryptocurrency-bare.json", "5e8d2c1b9a7f6e4d3c2b1a0f9e8d7c6b"},
                {"guardduty", "recon-port-probe-eventbridge.json", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"},
                {"wazuh", "syscheck-unicode.json", "1795831961.5520911"},
                {"wazuh", "manager-sql-injection-ipv6.json", "1795831689.1200"}};
        for (String[] fixture : fixtures) {
            FormatFixtures.Fresh document = FormatFixtures.fresh(fixture[0], fixture[1], fixture[2]);
            post(fixture[0], document.text())
                    .statusCode(Status.CREATED.getStatusCode())
                    .body("priority", matchesPattern("P[1-4]"))
                    // vulnerability fixtures evaluate the SSVC tables first; every decision ends with these three
                    .body("explanation.dmn.decision", org.hamcrest.Matchers.hasItems("Risk Level", "Priority", "Response Actions"));
        }
    }

    private io.restassured.response.ValidatableResponse post(String format, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/intake/" + format)
                .then();
    }

    private void assertRawKept(String source, String externalId, String body) {
        StoredAlert stored = alerts.findBySourceAndExternalId(source, externalId).orElseThrow();
        assertThat(stored.rawJson).isEqualTo(body);
    }
}
