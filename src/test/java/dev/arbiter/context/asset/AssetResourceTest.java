package dev.arbiter.context.asset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The asset API, its imports, and how alerts are matched to assets: by host name in any case, by IP and CIDR. */
@QuarkusTest
@TestSecurity(user = "admin", roles = {Roles.ADMIN, Roles.ANALYST})
class AssetResourceTest {

    @Inject
    AuditRepository audit;

    @Inject
    TestClock clock;

    private String tag;

    @BeforeEach
    void setUp() {
        clock.reset();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReadReplaceAndDeleteAreAudited() {
        String id = "a-" + tag;
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "hostnames": ["DB-%s"], "addresses": ["10.40.0.0/16"], "criticality": "High",
                         "environment": "production", "exposure": "controlled", "ownerTeam": "payments",
                         "missionImpact": "MEF Failure", "safetyImpact": "negligible"}""".formatted(id, tag))
                .when().post("/api/v1/assets")
                .then().statusCode(Status.CREATED.getStatusCode())
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/assets/" + id))
                .body("hostnames", equalTo(List.of("db-" + tag)))
                .body("criticality", equalTo("high"))
                .body("missionImpact", equalTo("mef failure"));

        given().when().get("/api/v1/assets/" + id).then().statusCode(200).body("ownerTeam", equalTo("payments"));
        given().contentType(ContentType.JSON).body("""
                        {"hostnames": ["db-%s"], "criticality": "low", "environment": "staging"}""".formatted(tag))
                .when().put("/api/v1/assets/" + id)
                .then().statusCode(Status.OK.getStatusCode())
                .body("criticality", equalTo("low"))
                .body("addresses", equalTo(List.of()));
        given().when().delete("/api/v1/assets/" + id).then().statusCode(Status.NO_CONTENT.getStatusCode());
        given().when().get("/api/v1/assets/" + id).then().statusCode(Status.NOT_FOUND.getStatusCode());

        assertThat(audit.forSubject("asset:" + id)).extracting(e -> e.type)
                .containsExactly("asset.created", "asset.updated", "asset.deleted");
        assertThat(audit.forSubject("asset:" + id).get(0).principalName).isEqualTo("admin");
    }

    @Test
    void invalidAssetNamesEveryBadField() {
        given().contentType(ContentType.JSON).body("""
                        {"id": "bad/id", "hostnames": ["ok-%s"], "addresses": ["10.1.2.3/16", "not-an-ip"],
                         "criticality": "extreme", "environment": "production", "missionImpact": "crippled"}""".formatted(tag))
                .when().post("/api/v1/assets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("$.addresses[0]", "$.addresses[1]", "$.criticality", "$.id", "$.missionImpact")))
                .body("errors.find { it.field == '$.addresses[0]' }.message", equalTo(
                        "has address bits set beyond the /16 prefix; did you mean 10.1.0.0/16?"));
        given().contentType(ContentType.JSON).body("""
                        {"id": "x-%s", "criticality": "low", "environment": "production", "colour": "blue"}""".formatted(tag))
                .when().post("/api/v1/assets")
                .then().statusCode(422).body("errors[0].field", equalTo("$.colour"));
        given().contentType(ContentType.JSON).body("""
                        {"id": "x-%s", "criticality": "low", "environment": "production"}""".formatted(tag))
                .when().post("/api/v1/assets")
                .then().statusCode(422).body("errors[0].field", equalTo("$.hostnames"));
    }

    @Test
    void aHostnameBelongsToOneAsset() {
        put("one-" + tag, "shared-" + tag, "medium");
        given().contentType(ContentType.JSON).body("""
                        {"id": "two-%s", "hostnames": ["SHARED-%s"], "criticality": "low", "environment": "production"}""".formatted(tag, tag))
                .when().post("/api/v1/assets")
                .then().statusCode(Status.CONFLICT.getStatusCode())
                .body("errors[0].message", equalTo("shared-" + tag + " belongs to asset one-" + tag));
    }

    @Test
    void alertsMatchAssetsByHostnameInAnyCase() {
        put("case-" + tag, "Mixed-Case-" + tag, "crown-jewel");

        evaluate("{\"hostname\": \"MIXED-case-" + tag + "\"}")
                .body("risk.factors.rule", hasItem("Crown-jewel asset raises risk"))
                .body("risk.factors.rule", not(hasItem("Unknown host raises risk")));
    }

    @Test
    void alertsMatchAssetsByIpAndTheNarrowestCidr() {
        given().contentType(ContentType.JSON).body("""
                [{"id": "net-%1$s", "addresses": ["10.77.0.0/16", "2001:db8:%2$s::/48"], "criticality": "medium", "environment": "staging"},
                 {"id": "subnet-%1$s", "addresses": ["10.77.5.0/24"], "criticality": "high", "environment": "production"},
                 {"id": "box-%1$s", "addresses": ["10.77.5.9"], "criticality": "crown-jewel", "environment": "production"}]
                """.formatted(tag, Integer.toHexString(Math.abs(tag.hashCode()) % 0xffff)))
                .when().post("/api/v1/assets/import")
                .then().statusCode(200).body("created", equalTo(3));

        JsonPath exact = evaluate("{\"ip\": \"10.77.5.9\"}").extract().jsonPath();
        assertThat(exact.getList("risk.factors.rule")).contains("Crown-jewel asset raises risk");
        JsonPath narrow = evaluate("{\"ip\": \"10.77.5.200\"}").extract().jsonPath();
        assertThat(narrow.getList("risk.factors.rule")).contains("High-criticality asset raises risk")
                .doesNotContain("Crown-jewel asset raises risk");
        JsonPath wide = evaluate("{\"ip\": \"10.77.200.1\"}").extract().jsonPath();
        assertThat(wide.getList("risk.factors.rule")).doesNotContain("High-criticality asset raises risk",
                "Unknown host raises risk", "Production asset raises risk");
        JsonPath v6 = evaluate("{\"ip\": \"2001:db8:" + Integer.toHexString(Math.abs(tag.hashCode()) % 0xffff) + ":1::42\"}").extract().jsonPath();
        assertThat(v6.getList("risk.factors.rule")).doesNotContain("Unknown host raises risk");
        JsonPath outside = evaluate("{\"ip\": \"10.78.0.1\"}").extract().jsonPath();
        assertThat(outside.getList("risk.factors.rule")).contains("Unknown host raises risk");
    }

    @Test
    void aHostnameMatchWinsOverAnAddressMatch() {
        put("named-" + tag, "named-" + tag, "low");
        given().contentType(ContentType.JSON).body("""
                        {"addresses": ["10.99.0.7"], "criticality": "crown-jewel", "environment": "production"}""")
                .when().put("/api/v1/assets/addr-" + tag).then().statusCode(201);

        JsonPath decision = evaluate("{\"hostname\": \"named-" + tag + "\", \"ip\": \"10.99.0.7\"}").extract().jsonPath();
        assertThat(decision.getList("risk.factors.rule")).doesNotContain("Crown-jewel asset raises risk");
    }

    @Test
    void csvImportIsAllOrNothingWithRowNumberedErrors() {
        String csv = """
                id,hostnames,addresses,criticality,environment,exposure,ownerTeam,missionImpact,safetyImpact
                ok-%1$s,ok-%1$s.corp;OK2-%1$s,10.60.0.1,high,production,open,web,degraded,negligible
                bad-%1$s,bad-%1$s,,extreme,production,,,,
                "quoted-%1$s","quoted-%1$s","10.60.1.0/24; 10.60.2.7",low,development,small,"Team, with comma",,
                dup-%1$s,ok-%1$s.corp,10.60.3.0/33,low,staging,,,,catastrophic
                """.formatted(tag);
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/assets/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("row 2: criticality", "row 4: addresses[0]", "row 4: hostnames")))
                .body("errors.find { it.field == 'row 4: hostnames' }.message", equalTo("ok-" + tag + ".corp is also on row 1"));
        given().when().get("/api/v1/assets/ok-" + tag).then().statusCode(404);

        String fixed = csv.replace("extreme", "medium").replace("10.60.3.0/33", "10.60.3.0/24").replace("dup-" + tag + ",ok-" + tag + ".corp", "dup-" + tag + ",dup-" + tag);
        given().contentType("text/csv").body(fixed)
                .when().post("/api/v1/assets/import")
                .then().statusCode(200).body("rows", equalTo(4)).body("created", equalTo(4)).body("updated", equalTo(0));
        given().when().get("/api/v1/assets/quoted-" + tag).then().statusCode(200)
                .body("addresses", equalTo(List.of("10.60.1.0/24", "10.60.2.7")))
                .body("ownerTeam", equalTo("Team, with comma"));
        given().when().get("/api/v1/assets/ok-" + tag).then().statusCode(200)
                .body("hostnames", equalTo(List.of("ok-" + tag + ".corp", "ok2-" + tag)));
        assertThat(audit.count("type = ?1 and payload like ?2", "asset.imported", "%ok-" + tag + "%")).isEqualTo(1);

        given().contentType("text/csv").body(fixed.replace("medium", "high"))
                .when().post("/api/v1/assets/import")
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(4));
    }

    @Test
    void csvWithAnUnknownOrMissingColumnIsRefused() {
        given().contentType("text/csv").body("id,hostnames,criticality,colour\nx,y,low,blue\n")
                .when().post("/api/v1/assets/import")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("header", "header")))
                .body("errors.message", hasItem("the required column 'environment' is missing"));
    }

    @Test
    void jsonImportNamesRowsAndFields() {
        given().contentType(ContentType.JSON).body("""
                [{"id": "j1-%1$s", "hostnames": ["j1-%1$s"], "criticality": "low", "environment": "production"},
                 {"id": "j2-%1$s", "hostnames": ["j2-%1$s"], "criticality": "low", "environment": "production", "exposure": 3},
                 {"id": "j3-%1$s", "hostnames": ["j3-%1$s"], "criticality": "low"}]""".formatted(tag))
                .when().post("/api/v1/assets/import")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("row 2: exposure", "row 3: environment")))
                .body("detail", equalTo("2 errors; nothing was imported"));
    }

    @Test
    void aThousandRowImportIsOneRequest() {
        StringBuilder csv = new StringBuilder("id,hostnames,addresses,criticality,environment\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("bulk-").append(tag).append('-').append(i).append(",bulk-").append(tag).append('-').append(i)
                    .append(",10.").append(100 + i / 256).append('.').append(i % 256).append(".1,medium,production\n");
        }
        given().contentType("text/csv").body(csv.toString())
                .when().post("/api/v1/assets/import")
                .then().statusCode(200).body("created", equalTo(2000));
        given().when().get("/api/v1/assets/bulk-" + tag + "-1999").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "analyst", roles = Roles.ANALYST)
    void analystsReadButDoNotWrite() {
        given().when().get("/api/v1/assets?limit=1").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/assets")
                .then().statusCode(Status.FORBIDDEN.getStatusCode());
        given().contentType("text/csv").body("id\n").when().post("/api/v1/assets/import")
                .then().statusCode(Status.FORBIDDEN.getStatusCode());
    }

    private void put(String id, String hostname, String criticality) {
        given().contentType(ContentType.JSON).body("""
                        {"hostnames": ["%s"], "criticality": "%s", "environment": "staging"}""".formatted(hostname, criticality))
                .when().put("/api/v1/assets/" + id).then().statusCode(201);
    }

    private io.restassured.response.ValidatableResponse evaluate(String host) {
        return given().contentType(ContentType.JSON).body("""
                        {"source": "asset-test", "externalId": "%s", "title": "t", "category": "other", "severity": "low",
                         "occurredAt": "2026-11-28T02:14:00Z", "entities": {"hosts": [%s]}}""".formatted(UUID.randomUUID(), host))
                .when().post("/api/v1/evaluate")
                .then().statusCode(200);
    }
}
