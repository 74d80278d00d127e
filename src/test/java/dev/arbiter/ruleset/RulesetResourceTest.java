package dev.arbiter.ruleset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.Principal;
import dev.arbiter.engine.Ruleset;
import dev.arbiter.engine.RulesetBundle;
import dev.arbiter.engine.ScenarioRunner;
import dev.arbiter.security.Roles;
import dev.arbiter.security.SeparationOfDuties;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Versions, validation, activation, refusal, rollback and convergence through the API. */
@QuarkusTest
class RulesetResourceTest {

    @Inject
    ActiveRuleset active;
    @Inject
    RulesetService service;
    @Inject
    RulesetSync sync;
    @Inject
    RulesetRepository versions;
    @Inject
    AuditRepository audit;
    @Inject
    SeparationOfDuties duties;
    @Inject
    CompiledRulesets compiled;

    /** Whatever a test activated, the next one starts on the shipped version. */
    @AfterEach
    void backToShipped() {
        if (!active.get().version().equals(Bundles.SHIPPED.version())) {
            service.rollback(Bundles.SHIPPED.version(), Principal.SYSTEM);
        }
    }

    private long events(String type, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> audit.count("type = ?1 and subjectId = ?2", type, subject));
    }

    @Test
    @TestSecurity(user = "auditor-1", roles = Roles.AUDITOR)
    void recordsTheStartupRulesetAsLiveWithItsFiles() {
        given().when().get("/api/v1/rulesets/active").then().statusCode(200)
                .body("version", equalTo(Bundles.SHIPPED.version()))
                .body("status", equalTo("active"))
                .body("files.'rules/asset.drl'", equalTo(Bundles.SHIPPED.allFiles().get("rules/asset.drl")))
                .body("files.'rules/tests/asset.yaml'", equalTo(Bundles.SHIPPED.allFiles().get("rules/tests/asset.yaml")));
        given().when().get("/api/v1/rulesets").then().statusCode(200).body("version", hasItem(Bundles.SHIPPED.version()));
        given().when().get("/api/v1/rulesets/" + Bundles.SHIPPED.version()).then().statusCode(200)
                .body("files.size()", equalTo(Bundles.SHIPPED.allFiles().size()));
        given().when().get("/api/v1/rulesets/sha256:nope").then().statusCode(404);
    }

    @Test
    void analysesTheStartupTablesInTheBackgroundAheadOfTheFirstValidation() {
        assertThat(service.startupTablesAnalysed()).succeedsWithin(Duration.ofMinutes(2)).isEqualTo(true);
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void validationReportsAGapInAUniqueTableAndActivatesNothing() {
        Map<String, String> gap = Bundles.with("dmn/priority.dmn", "<dmn:text>[25..50)</dmn:text>", "<dmn:text>[30..50)</dmn:text>");
        String version = Bundles.version(gap);

        given().contentType(ContentType.JSON).body(Map.of("files", gap))
                .when().post("/api/v1/rulesets/validate")
                .then().statusCode(200)
                .body("version", equalTo(version))
                .body("valid", equalTo(false))
                .body("errors.size()", equalTo(1))
                .body("errors[0].file", equalTo("dmn/priority.dmn"))
                .body("errors[0].line", equalTo(49))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("Gap detected: [ [ 25 .. 30 ) ]"));

        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());
        assertThat(events(AuditLog.RULESET_REFUSED, version)).isEqualTo(1);
        given().when().get("/api/v1/rulesets/" + version).then().statusCode(200).body("status", equalTo("refused"));
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void validationPassesTheShippedBundleWithItsScenarios() {
        given().contentType(ContentType.JSON).body(Map.of("files", Bundles.shipped()))
                .when().post("/api/v1/rulesets/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("errors.size()", equalTo(0))
                .body("scenarios.size()", equalTo(shippedScenarioCount()))
                .body("scenarios.findAll { !it.passed }.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void activatesAValidatedVersionWithoutCompilingItAgain() {
        Map<String, String> next = Bundles.harmless("validated, then activated");
        String version = Bundles.version(next);

        given().contentType(ContentType.JSON).body(Map.of("files", next))
                .when().post("/api/v1/rulesets/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        Ruleset validated = compiled.get(version).orElseThrow();
        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());

        given().contentType(ContentType.JSON).body(Map.of("files", next))
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(200).body("version", equalTo(version));
        assertThat(active.get()).isSameAs(validated);
        assertThat(events(AuditLog.RULESET_ACTIVATED, version)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void keepsNothingCompiledOfAVersionThatFailsValidation() {
        Map<String, String> weaker = Bundles.with("rules/asset.drl", "getName(), 25, $host + \" is a crown-jewel asset\"",
                "getName(), 5, $host + \" is a crown-jewel asset\"");

        given().contentType(ContentType.JSON).body(Map.of("files", weaker))
                .when().post("/api/v1/rulesets/validate")
                .then().statusCode(200).body("valid", equalTo(false));
        assertThat(compiled.get(Bundles.version(weaker))).isEmpty();
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void refusesToActivateARulesetWhoseScenarioFailsAndKeepsTheActiveOne() {
        Map<String, String> weaker = Bundles.with("rules/asset.drl", "getName(), 25, $host + \" is a crown-jewel asset\"",
                "getName(), 5, $host + \" is a crown-jewel asset\"");
        String version = Bundles.version(weaker);

        given().contentType(ContentType.JSON).body(Map.of("files", weaker))
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("$.files[\"rules/tests/asset.yaml\"]"))
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("line 5: scenario 'Malware on a crown-jewel production database is P1 "
                        + "and the host is isolated': expected score 65, got 45 from [")))
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("Crown-jewel asset raises risk +5")));

        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());
        assertThat(events(AuditLog.RULESET_REFUSED, version)).isEqualTo(1);
        assertThat(events(AuditLog.RULESET_ACTIVATED, version)).isZero();
    }

    @Test
    @TestSecurity(user = "author-1", roles = Roles.RULE_AUTHOR)
    void refusesABrokenDrlWithFileAndLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Bundles.with("rules/asset.drl", "HostFact(criticality == \"crown-jewel\"", "HostFakt(criticality == \"crown-jewel\"")))
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(422)
                .body("errors.field", hasItem("$.files[\"rules/asset.drl\"]"))
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("line 9: Unable to find class: HostFakt")));
        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());
    }

    @Test
    @TestSecurity(user = "author-2", roles = Roles.RULE_AUTHOR)
    void activatesAnUploadedBundleThenRollsBackInOneCall() {
        Map<String, String> next = Bundles.harmless("activation test");
        String version = Bundles.version(next);
        String shipped = Bundles.SHIPPED.version();

        given().contentType(ContentType.JSON).body(Map.of("files", next))
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(200)
                .body("version", equalTo(version)).body("previous", equalTo(shipped)).body("changed", equalTo(true));
        assertThat(active.get().version()).isEqualTo(version);
        given().when().get("/api/v1/rulesets/active").then().body("version", equalTo(version)).body("author", equalTo("author-2"));
        assertThat(events(AuditLog.RULESET_ACTIVATED, version)).isEqualTo(1);
        // four-eyes: the author of the live ruleset may not approve what it decides
        assertThat(QuarkusTransaction.requiringNew().call(() -> duties.authored(new Principal("user", "author-2", "author-2"), version))).isTrue();

        given().when().post("/api/v1/rulesets/" + shipped + "/rollback")
                .then().statusCode(200).body("version", equalTo(shipped)).body("previous", equalTo(version));
        assertThat(active.get().version()).isEqualTo(shipped);
        assertThat(events(AuditLog.RULESET_ROLLED_BACK, shipped)).isGreaterThanOrEqualTo(1);
        given().when().get("/api/v1/rulesets/" + version).then().body("status", equalTo("retired"));
        given().when().get("/api/v1/rulesets/active").then().body("version", equalTo(shipped));
    }

    @Test
    @TestSecurity(user = "author-2", roles = Roles.RULE_AUTHOR)
    void activatesTheFoldersOnDiskOnRequest() {
        given().contentType(ContentType.JSON).body(Map.of("from", "disk"))
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(200).body("version", equalTo(Bundles.SHIPPED.version())).body("changed", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/rulesets/activate")
                .then().statusCode(422).body("errors[0].field", equalTo("$.files"));
    }

    @Test
    @TestSecurity(user = "author-3", roles = Roles.RULE_AUTHOR)
    void aReplicaConvergesOnTheLiveVersionRecordedInTheDatabase() {
        Map<String, String> other = Bundles.harmless("another replica activated this");
        String version = Bundles.version(other);
        given().contentType(ContentType.JSON).body(Map.of("files", other)).when().post("/api/v1/rulesets/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        assertThat(sync.check()).as("nothing to do while the database agrees").isFalse();

        // another replica activates: only the database changes here
        QuarkusTransaction.requiringNew().run(() -> versions.lockSlot(RulesetSlot.LIVE).version = version);
        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());

        assertThat(sync.check()).isTrue();
        assertThat(active.get().version()).isEqualTo(version);

        QuarkusTransaction.requiringNew().run(() -> versions.lockSlot(RulesetSlot.LIVE).version = Bundles.SHIPPED.version());
        assertThat(sync.check()).isTrue();
        assertThat(active.get().version()).isEqualTo(Bundles.SHIPPED.version());
    }

    @Test
    @TestSecurity(user = "author-3", roles = Roles.RULE_AUTHOR)
    void refusesToRollBackToAnUnknownOrRefusedVersion() {
        given().when().post("/api/v1/rulesets/sha256:0000/rollback").then().statusCode(404);
        Map<String, String> gap = Bundles.with("dmn/priority.dmn", "<dmn:text>[25..50)</dmn:text>", "<dmn:text>[31..50)</dmn:text>");
        given().contentType(ContentType.JSON).body(Map.of("files", gap)).when().post("/api/v1/rulesets/validate").then().statusCode(200);
        given().when().post("/api/v1/rulesets/" + Bundles.version(gap) + "/rollback").then().statusCode(Status.CONFLICT.getStatusCode());
    }

    @Test
    @TestSecurity(user = "author-3", roles = Roles.RULE_AUTHOR)
    void refusesFilesOutsideTheBundleLayout() {
        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("rule/x.drl", "rule")))
                .when().post("/api/v1/rulesets/validate")
                .then().statusCode(422).body("errors[0].field", equalTo("$.files[\"rule/x.drl\"]"));
        assertThat(List.of(active.get().version())).containsExactly(Bundles.SHIPPED.version());
    }

    /** How many scenarios the shipped rules/tests hold, counted by the engine's own loader. */
    private static int shippedScenarioCount() {
        SortedMap<String, String> scenarios = new TreeMap<>();
        Bundles.shipped().forEach((name, text) -> {
            if (name.startsWith(RulesetBundle.TESTS_PREFIX)) {
                scenarios.put(name, text);
            }
        });
        int count = ScenarioRunner.load(scenarios).size();
        assertThat(count).as("the shipped scenarios").isGreaterThanOrEqualTo(30);
        return count;
    }
}
