package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.common.TestClock;
import dev.arbiter.engine.Assessment;
import dev.arbiter.engine.RiskFactor;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A stored decision replays to the same answer from its snapshot, whatever the inventory holds by then. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.ADMIN, Roles.INGEST, Roles.ANALYST})
class ReassessResourceTest {

    @Inject
    DecisionService decisions;

    @Inject
    DecisionRepository stored;

    @Inject
    TestClock clock;

    private String tag;

    @BeforeEach
    void setUp() {
        clock.reset();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void replayGivesTheStoredAnswerAfterTheInventoryChanged() {
        given().contentType(ContentType.JSON).body("""
                        {"hostnames": ["vault-%s"], "criticality": "crown-jewel", "environment": "production",
                         "exposure": "open", "missionImpact": "mission failure"}""".formatted(tag))
                .when().put("/api/v1/assets/vault-" + tag).then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                        {"accountName": "root-%s", "privileged": true}""".formatted(tag))
                .when().put("/api/v1/identities/root-" + tag).then().statusCode(201);
        String indicator = given().contentType(ContentType.JSON).body("""
                        {"type": "cidr", "value": "100.64.%d.0/24", "source": "feed-%s", "confidence": 95}""".formatted(octet(), tag))
                .when().post("/api/v1/indicators").then().statusCode(201).extract().path("id");

        String alert = """
                {"source": "replay-%1$s", "externalId": "r-1", "title": "Beacon", "category": "command-and-control",
                 "severity": "medium", "occurredAt": "2026-11-28T02:14:00Z",
                 "entities": {"hosts": [{"hostname": "VAULT-%1$s"}], "users": [{"name": "root-%1$s"}],
                              "ips": [{"address": "100.64.%2$d.5", "direction": "outbound"}]}}""".formatted(tag, octet());
        JsonPath first = given().contentType(ContentType.JSON).body(alert).when().post("/api/v1/alerts")
                .then().statusCode(201).extract().jsonPath();
        UUID id = UUID.fromString(first.getString("id"));
        assertThat(first.getList("risk.factors.rule", String.class)).contains("Crown-jewel asset raises risk",
                "Privileged account raises risk", "Known-bad IP address raises risk");

        // The inventory changes: the asset is demoted, the account and the indicator are gone; time moves on.
        given().contentType(ContentType.JSON).body("""
                        {"hostnames": ["vault-%s"], "criticality": "low", "environment": "development"}""".formatted(tag))
                .when().put("/api/v1/assets/vault-" + tag).then().statusCode(200);
        given().when().delete("/api/v1/identities/root-" + tag).then().statusCode(204);
        given().when().delete("/api/v1/indicators/" + indicator).then().statusCode(204);
        clock.advance(Duration.ofDays(3));

        JsonPath now = given().contentType(ContentType.JSON).body(alert.replace("\"r-1\"", "\"r-2\""))
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().jsonPath();
        assertThat(now.getInt("risk.score")).isLessThan(first.getInt("risk.score"));

        Assessment replay = decisions.reassess(id).orElseThrow();
        assertThat(replay.score()).isEqualTo(first.getInt("risk.score"));
        assertThat(replay.priority()).isEqualTo(first.getString("priority"));
        assertThat(replay.level()).isEqualTo(first.getString("risk.level"));
        assertThat(replay.factors()).extracting(RiskFactor::getRule).isEqualTo(first.getList("risk.factors.rule", String.class));
        assertThat(replay.actions()).extracting(a -> a.type() + " " + a.target())
                .isEqualTo(zip(first.getList("actions.type", String.class), first.getList("actions.target", String.class)));
    }

    @Test
    void replayKeepsTheVulnerabilityFactsAndTheDomainMatchOfTheSnapshot() {
        String indicator = given().contentType(ContentType.JSON).body("""
                        {"type": "domain", "value": "c2-%s.example", "source": "feed-%s"}""".formatted(tag, tag))
                .when().post("/api/v1/indicators").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("""
                        { "vulnerabilities": [ { "cve": "CVE-2026-%s", "exploitation": "active", "automatable": "yes",
                                                 "technicalImpact": "total" } ] }""".formatted(4000 + octet()))
                .when().post("/api/v1/vulnerabilities/ssvc").then().statusCode(200);

        JsonPath first = given().contentType(ContentType.JSON).body("""
                        {"source": "replay-%1$s", "externalId": "v-1", "title": "Exploited appliance", "category": "vulnerability",
                         "severity": "medium", "occurredAt": "2026-11-28T02:14:00Z",
                         "entities": {"cves": ["CVE-2026-%2$d"], "urls": ["https://beacon.c2-%1$s.example/x"]}}"""
                        .formatted(tag, 4000 + octet()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().jsonPath();
        assertThat(first.getList("risk.factors.rule", String.class)).contains("Known-bad domain raises risk");
        assertThat(first.getString("ssvc.vulnerabilities[0].inputs[0].source")).isEqualTo("ssvc-import");

        given().when().delete("/api/v1/indicators/" + indicator).then().statusCode(204);
        given().contentType(ContentType.JSON).body("""
                        { "vulnerabilities": [ { "cve": "CVE-2026-%s", "exploitation": "none", "automatable": "no",
                                                 "technicalImpact": "partial" } ] }""".formatted(4000 + octet()))
                .when().post("/api/v1/vulnerabilities/ssvc").then().statusCode(200);

        Assessment replay = decisions.reassess(UUID.fromString(first.getString("id"))).orElseThrow();
        assertThat(replay.factors()).extracting(RiskFactor::getRule).isEqualTo(first.getList("risk.factors.rule", String.class));
        assertThat(replay.ssvcPatchPriority()).isEqualTo(first.getString("ssvc.patchPriority"));
        assertThat(replay.priority()).isEqualTo(first.getString("priority"));
    }

    @Test
    void theSnapshotNamesTheInventoryEntriesItUsed() {
        // 198.19.0.0/16 is this test's alone: in a range other tests use, a more specific block of theirs can win
        given().contentType(ContentType.JSON).body("""
                        {"addresses": ["198.19.%d.0/24"], "criticality": "high", "environment": "production"}""".formatted(octet()))
                .when().put("/api/v1/assets/net-" + tag).then().statusCode(201);
        String indicator = given().contentType(ContentType.JSON).body("""
                        {"type": "ipv4", "value": "100.65.%d.1", "source": "feed-%s"}""".formatted(octet(), tag))
                .when().post("/api/v1/indicators").then().statusCode(201).extract().path("id");

        String id = given().contentType(ContentType.JSON).body("""
                        {"source": "replay-%1$s", "externalId": "s-1", "title": "t", "category": "other", "severity": "low",
                         "occurredAt": "2026-11-28T02:14:00Z",
                         "entities": {"hosts": [{"ip": "198.19.%2$d.4"}], "ips": [{"address": "100.65.%2$d.1"}]}}""".formatted(tag, octet()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        String snapshot = stored.findById(UUID.fromString(id)).contextJson;
        assertThat(snapshot).contains("\"assetId\":\"net-" + tag + "\"", "\"matchedBy\":\"cidr\"",
                "\"matchedOn\":\"198.19." + octet() + ".0/24\"", "\"indicatorId\":\"" + indicator + "\"",
                "\"accumulatedRisk\"", "\"decisionTime\"");
    }

    private int octet() {
        return 1 + Math.abs(tag.hashCode()) % 250;
    }

    private static List<String> zip(List<String> types, List<String> targets) {
        return java.util.stream.IntStream.range(0, types.size()).mapToObj(i -> types.get(i) + " " + targets.get(i)).toList();
    }
}
