package dev.arbiter.context.intel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
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

/** Indicators: the API, CSV and STIX 2.1 imports, CIDR and IPv6 matching, and expiry against the decision time. */
@QuarkusTest
@TestSecurity(user = "admin", roles = {Roles.ADMIN, Roles.ANALYST})
class IndicatorResourceTest {

    @Inject
    AuditRepository audit;

    @Inject
    TestClock clock;

    private String tag;
    private int octet;

    @BeforeEach
    void setUp() {
        clock.reset();
        tag = UUID.randomUUID().toString().substring(0, 8);
        octet = 1 + Math.abs(tag.hashCode()) % 250;
    }

    @Test
    void expiredIndicatorsStopMatching() {
        String address = "192.0.2." + octet;
        given().contentType(ContentType.JSON).body("""
                        {"type": "ipv4", "value": "%s", "source": "feed-%s", "confidence": 90,
                         "validUntil": "%s"}""".formatted(address, tag, TestClock.START.plus(Duration.ofHours(1))))
                .when().post("/api/v1/indicators")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("confidence", equalTo(90));

        assertThat(factorsFor(ip(address))).contains("Known-bad IP address raises risk");
        clock.advance(Duration.ofMinutes(59));
        assertThat(factorsFor(ip(address))).contains("Known-bad IP address raises risk");
        clock.advance(Duration.ofMinutes(1));
        assertThat(factorsFor(ip(address))).doesNotContain("Known-bad IP address raises risk");
    }

    @Test
    void addressesInsideListedBlocksMatchInBothFamilies() {
        given().contentType("text/csv").body("""
                type,value,source,confidence,validUntil,description
                cidr,198.18.%1$d.0/24,feed-%2$s,70,,a bad block
                cidr,2001:DB8:%3$x::/48,feed-%2$s,,,
                """.formatted(octet, tag, octet + 0x100))
                .when().post("/api/v1/indicators/import")
                .then().statusCode(200).body("created", equalTo(2));

        JsonPath v4 = evaluate(ip("198.18." + octet + ".77"));
        assertThat(v4.getList("risk.factors.reason", String.class)).contains("198.18." + octet + ".77 is listed as bad by feed-" + tag);
        assertThat(factorsFor(ip("2001:db8:" + Integer.toHexString(octet + 0x100) + ":ff::1"))).contains("Known-bad IP address raises risk");
        assertThat(factorsFor(ip("198.18." + (octet + 1) + ".77"))).doesNotContain("Known-bad IP address raises risk");
        given().queryParam("type", "cidr").queryParam("value", "2001:0db8:" + Integer.toHexString(octet + 0x100) + "::/48")
                .when().get("/api/v1/indicators")
                .then().statusCode(200).body("items.value", equalTo(List.of("2001:db8:" + Integer.toHexString(octet + 0x100) + "::/48")));
    }

    @Test
    void domainsMatchTheirSubdomainsAndTheHostsOfUrlsCaseInsensitively() {
        given().contentType("text/csv").body("""
                type,value,source,confidence,validUntil,description
                domain,Evil-%1$s.Example.,feed-%1$s,80,,a phishing kit's domain
                """.formatted(tag))
                .when().post("/api/v1/indicators/import")
                .then().statusCode(200).body("created", equalTo(1));

        JsonPath exact = evaluate("\"domains\": [\"EVIL-%s.example\"]".formatted(tag));
        assertThat(exact.getList("risk.factors.reason", String.class)).contains("evil-%1$s.example is listed as bad by feed-%1$s".formatted(tag));
        JsonPath viaUrl = evaluate("\"urls\": [\"https://login.evil-%s.example/o365\"]".formatted(tag));
        assertThat(viaUrl.getList("risk.factors.reason", String.class))
                .contains("login.evil-%1$s.example (under evil-%1$s.example) is listed as bad by feed-%1$s".formatted(tag));
        assertThat(viaUrl.getList("risk.factors.rule", String.class)).doesNotContain("Known-bad URL raises risk");
        assertThat(factorsFor("\"domains\": [\"notevil-%s.example\"]".formatted(tag))).doesNotContain("Known-bad domain raises risk");
    }

    @Test
    void urlsMatchInCanonicalFormUntilTheyExpire() {
        given().contentType(ContentType.JSON).body("""
                        {"type": "url", "value": "HTTP://Drop-%s.example:80/payload.exe?id=1#top", "source": "feed-%s",
                         "validUntil": "%s"}""".formatted(tag, tag, TestClock.START.plus(Duration.ofHours(1))))
                .when().post("/api/v1/indicators")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("value", equalTo("http://drop-%s.example/payload.exe?id=1".formatted(tag)));

        String url = "\"urls\": [\"http://drop-%s.EXAMPLE/payload.exe?id=1\"]".formatted(tag);
        assertThat(factorsFor(url)).contains("Known-bad URL raises risk");
        assertThat(factorsFor("\"urls\": [\"http://drop-%s.example/payload.exe?id=2\"]".formatted(tag)))
                .doesNotContain("Known-bad URL raises risk");
        clock.advance(Duration.ofHours(1));
        assertThat(factorsFor(url)).doesNotContain("Known-bad URL raises risk");
    }

    @Test
    void aFileKnownOnlyByMd5MatchesAnMd5Indicator() {
        String md5 = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        given().contentType(ContentType.JSON).body("""
                        {"type": "md5", "value": "%s", "source": "feed-%s"}""".formatted(md5, tag))
                .when().post("/api/v1/indicators")
                .then().statusCode(Status.CREATED.getStatusCode());

        JsonPath decision = evaluate("\"files\": [{\"md5\": \"%s\"}]".formatted(md5));
        assertThat(decision.getList("risk.factors.reason", String.class))
                .contains("file %s is listed as bad by feed-%s".formatted(md5.toLowerCase(), tag));
    }

    @Test
    void aFileWithoutAnyHashOrABadDomainOrUrlIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                        {"source": "intel-test", "externalId": "%s", "title": "t", "category": "other", "severity": "low",
                         "occurredAt": "2026-11-28T02:14:00Z",
                         "entities": {"files": [{}], "domains": ["bad domain"], "urls": ["ftp://x.example/"]}}"""
                        .formatted(UUID.randomUUID()))
                .when().post("/api/v1/evaluate")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder(
                        "$.entities.files[0]", "$.entities.domains[0]", "$.entities.urls[0]"));
    }

    @Test
    void csvImportNamesEveryBadRow() {
        given().contentType("text/csv").body("""
                type,value,source,confidence,validUntil
                ipv4,203.0.113.300,feed,50,
                sha256,%s,feed,high,
                ipv6,10.0.0.1,feed,,
                md5,d41d8cd98f00b204e9800998ecf8427e,feed,,tomorrow
                email,x@example.com,feed,,
                domain,Evil-%s.Example.,,,
                """.formatted("a".repeat(64), tag))
                .when().post("/api/v1/indicators/import")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("row 1: value", "row 2: confidence", "row 3: value",
                        "row 4: validUntil", "row 5: type", "row 6: source")));
        given().contentType("text/csv").queryParam("source", "feed-" + tag).body("""
                type,value
                domain,Evil-%s.Example.
                """.formatted(tag))
                .when().post("/api/v1/indicators/import")
                .then().statusCode(200).body("created", equalTo(1));
        given().queryParam("type", "domain").queryParam("value", "evil-" + tag + ".example")
                .when().get("/api/v1/indicators").then().statusCode(200)
                .body("items[0].source", equalTo("feed-" + tag)).body("items[0].confidence", equalTo(50));
    }

    @Test
    void stixBundleImportsSimplePatternsAndSkipsTheRest() {
        // indicator--a1 lists 192.0.0.<octet>, a block no other test uses: on 203.0.113.<octet>, one run in 250 listed
        // 203.0.113.9, the test inventory's known-bad address, under this feed, and other tests read its source
        String sha256 = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String bundle = """
                {"type": "bundle", "id": "bundle--%1$s", "objects": [
                  {"type": "identity", "spec_version": "2.1", "id": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff", "name": "Stix Feed %2$s", "identity_class": "organization"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a1", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[ipv4-addr:value = '192.0.0.%3$d']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z", "confidence": 85},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a2", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[file:hashes.'SHA-256' = '%4$s']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a3", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[domain-name:value = 'c2-%2$s.example']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2027-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a4", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[url:value = 'http://c2-%2$s.example/gate.php']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a5", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[file:hashes.MD5 = '%5$s']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a6", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[ipv4-addr:value = '198.51.%3$d.0/24']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--b1", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[ipv4-addr:value = '203.0.113.1'] AND [domain-name:value = 'x.example']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--b2", "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "alert tcp any any -> any any", "pattern_type": "snort", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--b3", "revoked": true, "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                   "pattern": "[ipv4-addr:value = '203.0.113.2']", "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "malware", "spec_version": "2.1", "id": "malware--c1", "name": "Evil", "is_family": true}
                ]}""".formatted(UUID.randomUUID(), tag, octet, sha256, tag.repeat(4));

        JsonPath result = given().contentType("application/stix+json").body(bundle)
                .when().post("/api/v1/indicators/import")
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getInt("created") + result.getInt("updated")).isEqualTo(6);
        assertThat(result.getList("skipped.id", String.class)).containsExactly("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                "indicator--b1", "indicator--b2", "indicator--b3", "malware--c1");
        assertThat(result.getString("skipped.find { it.id == 'indicator--b1' }.reason"))
                .isEqualTo("pattern is not one comparison of a supported object path");

        JsonPath decision = evaluate("""
                "ips": [{"address": "198.51.%d.9", "direction": "outbound"}], "files": [{"sha256": "%s"}]""".formatted(octet, sha256.toUpperCase()));
        assertThat(decision.getList("risk.factors.rule", String.class)).contains("Known-bad IP address raises risk",
                "Known-bad file hash raises risk", "Outbound traffic to a known-bad address raises risk");
        assertThat(decision.getList("risk.factors.reason", String.class)).contains("198.51." + octet + ".9 is listed as bad by Stix Feed " + tag);
        given().queryParam("source", "Stix Feed " + tag).queryParam("type", "md5").when().get("/api/v1/indicators")
                .then().statusCode(200).body("items[0].stixId", equalTo("indicator--a5"));
        assertThat(audit.count("type = ?1 and payload like ?2", "indicator.imported", "%\"format\":\"stix\"%")).isPositive();
    }

    @Test
    void stixBundleWithABadValueIsRefusedWhole() {
        given().contentType(ContentType.JSON).queryParam("source", "feed-" + tag).body("""
                {"type": "bundle", "id": "bundle--x", "objects": [
                  {"type": "indicator", "id": "indicator--ok", "pattern": "[domain-name:value = 'ok-%1$s.example']", "pattern_type": "stix"},
                  {"type": "indicator", "id": "indicator--bad", "pattern": "[ipv4-addr:value = '999.1.1.1']", "pattern_type": "stix"},
                  {"type": "indicator", "id": "indicator--conf", "pattern": "[url:value = 'https://x.example']", "confidence": 101}
                ]}""".formatted(tag))
                .when().post("/api/v1/indicators/import")
                .then().statusCode(422)
                .body("errors.field", hasItem("$.objects[1]: value"))
                .body("errors.field", hasItem("$.objects[2].confidence"));
        given().queryParam("type", "domain").queryParam("value", "ok-" + tag + ".example").when().get("/api/v1/indicators")
                .then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void crudIsAuditedAndTheKeyIsUnique() {
        String body = """
                {"type": "sha256", "value": "%s", "source": "feed-%s"}""".formatted("B".repeat(64), tag);
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/indicators")
                .then().statusCode(201).body("value", equalTo("b".repeat(64))).extract().path("id");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/indicators")
                .then().statusCode(Status.CONFLICT.getStatusCode());
        given().contentType(ContentType.JSON).body(body.replace("}", ", \"confidence\": 10}")).when().put("/api/v1/indicators/" + id)
                .then().statusCode(200).body("confidence", equalTo(10));
        given().when().delete("/api/v1/indicators/" + id).then().statusCode(204);
        assertThat(audit.forSubject("indicator:" + id)).extracting(e -> e.type)
                .containsExactly("indicator.created", "indicator.updated", "indicator.deleted");
    }

    private static String ip(String address) {
        return "\"ips\": [{\"address\": \"" + address + "\", \"direction\": \"inbound\"}]";
    }

    private List<String> factorsFor(String entities) {
        return evaluate(entities).getList("risk.factors.rule", String.class);
    }

    private JsonPath evaluate(String entities) {
        return given().contentType(ContentType.JSON).body("""
                        {"source": "intel-test", "externalId": "%s", "title": "t", "category": "other", "severity": "low",
                         "occurredAt": "2026-11-28T02:14:00Z", "entities": {%s}}""".formatted(UUID.randomUUID(), entities))
                .when().post("/api/v1/evaluate")
                .then().statusCode(200).extract().jsonPath();
    }
}
