package dev.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.arbiter.intake.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint × (no credential, each role) → the expected status class, generated from one table. A new
 * {@code /api/v1} endpoint that is not in the table fails {@link #everyApiEndpointIsInTheMatrix}.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final Set<String> ALL = Roles.ALL;
    private static final Set<String> READERS = Set.of(Roles.INGEST, Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR);
    private static final Set<String> DISPATCH_READERS = Set.of(Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN);
    private static final Set<String> APPROVAL_READERS = Set.of(Roles.APPROVER, Roles.ANALYST, Roles.AUDITOR);

    /** One endpoint: method, OpenAPI path, a concrete path to call, a body, and the roles allowed. */
    record Endpoint(String method, String template, String path, String body, Set<String> allowed) {
    }

    static List<Endpoint> matrix() {
        String alert = Fixtures.alert("minimal.json", "matrix-" + UUID.randomUUID());
        String missing = UUID.randomUUID().toString();
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> inventoryReaders = Set.of(Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR);
        for (String inventory : List.of("assets", "identities", "indicators")) {
            String base = "/api/v1/" + inventory;
            endpoints.add(new Endpoint("GET", base, base, null, inventoryReaders));
            endpoints.add(new Endpoint("GET", base + "/{id}", base + "/" + missing, null, inventoryReaders));
            endpoints.add(new Endpoint("POST", base, base, "{}", Set.of(Roles.ADMIN)));
            endpoints.add(new Endpoint("PUT", base + "/{id}", base + "/" + missing, "{}", Set.of(Roles.ADMIN)));
            endpoints.add(new Endpoint("DELETE", base + "/{id}", base + "/" + missing, null, Set.of(Roles.ADMIN)));
            endpoints.add(new Endpoint("POST", base + "/import", base + "/import", "[]", Set.of(Roles.ADMIN)));
        }
        endpoints.add(new Endpoint("POST", "/api/v1/vulnerabilities/kev", "/api/v1/vulnerabilities/kev", "{}", Set.of(Roles.ADMIN)));
        endpoints.add(new Endpoint("POST", "/api/v1/vulnerabilities/ssvc", "/api/v1/vulnerabilities/ssvc", "{}", Set.of(Roles.ADMIN)));
        endpoints.add(new Endpoint("POST", "/api/v1/vulnerabilities/epss", "/api/v1/vulnerabilities/epss", "#model_version:v2025.03.14\ncve,epss,percentile\n", Set.of(Roles.ADMIN)));
        endpoints.add(new Endpoint("GET", "/api/v1/vulnerabilities/{cve}", "/api/v1/vulnerabilities/CVE-2000-0001", null,
                Set.of(Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR)));
        Set<String> suppressionReaders = Set.of(Roles.ANALYST, Roles.ADMIN, Roles.AUDITOR);
        endpoints.add(new Endpoint("GET", "/api/v1/suppressions", "/api/v1/suppressions", null, suppressionReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/suppressions/{id}", "/api/v1/suppressions/" + missing, null, suppressionReaders));
        endpoints.add(new Endpoint("POST", "/api/v1/suppressions", "/api/v1/suppressions", "{}", Set.of(Roles.ANALYST, Roles.ADMIN)));
        endpoints.add(new Endpoint("DELETE", "/api/v1/suppressions/{id}", "/api/v1/suppressions/" + missing, null, Set.of(Roles.ANALYST, Roles.ADMIN)));
        endpoints.addAll(List.of(
                new Endpoint("POST", "/api/v1/alerts", "/api/v1/alerts", alert, Set.of(Roles.INGEST)),
                new Endpoint("POST", "/api/v1/intake/{format}", "/api/v1/intake/suricata", Fixtures.resource("/formats/suricata/et-malware-c2.json"), Set.of(Roles.INGEST)),
                new Endpoint("POST", "/api/v1/evaluate", "/api/v1/evaluate", alert, Set.of(Roles.ANALYST, Roles.RULE_AUTHOR)),
                new Endpoint("GET", "/api/v1/decisions", "/api/v1/decisions", null, READERS),
                new Endpoint("GET", "/api/v1/decisions/{id}", "/api/v1/decisions/" + missing, null, READERS),
                new Endpoint("GET", "/api/v1/me", "/api/v1/me", null, ALL),
                new Endpoint("POST", "/api/v1/me/password", "/api/v1/me/password", "{}", ALL),
                new Endpoint("GET", "/api/v1/users", "/api/v1/users", null, Set.of(Roles.ADMIN, Roles.AUDITOR)),
                new Endpoint("POST", "/api/v1/users", "/api/v1/users", "{}", Set.of(Roles.ADMIN)),
                new Endpoint("DELETE", "/api/v1/users/{username}", "/api/v1/users/nobody-" + missing, null, Set.of(Roles.ADMIN)),
                new Endpoint("GET", "/api/v1/api-keys", "/api/v1/api-keys", null, Set.of(Roles.ADMIN, Roles.AUDITOR)),
                new Endpoint("POST", "/api/v1/api-keys", "/api/v1/api-keys", "{}", Set.of(Roles.ADMIN)),
                new Endpoint("DELETE", "/api/v1/api-keys/{id}", "/api/v1/api-keys/" + missing, null, Set.of(Roles.ADMIN)),
                new Endpoint("GET", "/api/v1/decisions/{id}/dispatches", "/api/v1/decisions/" + missing + "/dispatches", null, DISPATCH_READERS),
                new Endpoint("GET", "/api/v1/dispatch/{id}", "/api/v1/dispatch/" + missing, null, DISPATCH_READERS),
                new Endpoint("GET", "/api/v1/dispatch/dead-letters", "/api/v1/dispatch/dead-letters", null, Set.of(Roles.ADMIN, Roles.AUDITOR)),
                new Endpoint("POST", "/api/v1/dispatch/{id}/redrive", "/api/v1/dispatch/" + missing + "/redrive", null, Set.of(Roles.ADMIN)),
                new Endpoint("GET", "/api/v1/approvals", "/api/v1/approvals", null, APPROVAL_READERS),
                new Endpoint("GET", "/api/v1/approvals/{id}", "/api/v1/approvals/" + missing, null, APPROVAL_READERS),
                new Endpoint("POST", "/api/v1/approvals/{id}/approve", "/api/v1/approvals/" + missing + "/approve", "{}",
                        Set.of(Roles.APPROVER)),
                new Endpoint("POST", "/api/v1/approvals/{id}/reject", "/api/v1/approvals/" + missing + "/reject", "{}",
                        Set.of(Roles.APPROVER)),
                new Endpoint("GET", "/api/v1/kill-switch", "/api/v1/kill-switch", null,
                        Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.APPROVER)),
                // an empty body changes nothing (422), so the matrix never engages the switch
                new Endpoint("PUT", "/api/v1/kill-switch", "/api/v1/kill-switch", "{}", Set.of(Roles.ADMIN))));
        Set<String> auditReaders = Set.of(Roles.AUDITOR, Roles.ADMIN);
        endpoints.add(new Endpoint("GET", "/api/v1/audit/events", "/api/v1/audit/events?type=matrix.none", null, auditReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/audit/export", "/api/v1/audit/export?format=csv&type=matrix.none", null, auditReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/audit/verify", "/api/v1/audit/verify?from=1&to=1", null, auditReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/audit/checkpoints", "/api/v1/audit/checkpoints?limit=1", null, auditReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/audit/public-key", "/api/v1/audit/public-key", null, auditReaders));
        endpoints.add(new Endpoint("GET", "/api/v1/decisions/{id}/history", "/api/v1/decisions/" + missing + "/history", null,
                Set.of(Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN)));
        Set<String> rulesetReaders = Set.of(Roles.RULE_AUTHOR, Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR);
        Set<String> ruleAuthors = Set.of(Roles.RULE_AUTHOR, Roles.ADMIN);
        String noVersion = "sha256:" + missing;
        // empty bodies are refused (422) and an unknown version is 404, so the matrix never activates anything
        endpoints.addAll(List.of(
                new Endpoint("GET", "/api/v1/rulesets", "/api/v1/rulesets", null, rulesetReaders),
                new Endpoint("GET", "/api/v1/rulesets/active", "/api/v1/rulesets/active", null, rulesetReaders),
                new Endpoint("GET", "/api/v1/rulesets/{version}", "/api/v1/rulesets/" + noVersion, null, rulesetReaders),
                new Endpoint("POST", "/api/v1/rulesets/validate", "/api/v1/rulesets/validate", "{}", ruleAuthors),
                new Endpoint("POST", "/api/v1/rulesets/activate", "/api/v1/rulesets/activate", "{}", ruleAuthors),
                new Endpoint("POST", "/api/v1/rulesets/{version}/rollback", "/api/v1/rulesets/" + noVersion + "/rollback", null, ruleAuthors),
                new Endpoint("POST", "/api/v1/rulesets/replay", "/api/v1/rulesets/replay", "{}", ruleAuthors),
                new Endpoint("GET", "/api/v1/rulesets/shadow", "/api/v1/rulesets/shadow", null, rulesetReaders),
                new Endpoint("POST", "/api/v1/rulesets/shadow", "/api/v1/rulesets/shadow", "{}", ruleAuthors),
                new Endpoint("DELETE", "/api/v1/rulesets/shadow", "/api/v1/rulesets/shadow", null, ruleAuthors),
                new Endpoint("POST", "/api/v1/rulesets/shadow/promote", "/api/v1/rulesets/shadow/promote", null, ruleAuthors)));
        endpoints.add(new Endpoint("GET", "/api/v1/stats/overview", "/api/v1/stats/overview", null,
                Set.of(Roles.ANALYST, Roles.APPROVER, Roles.AUDITOR)));
        return endpoints;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : matrix()) {
            tests.add(DynamicTest.dynamicTest(endpoint.method() + " " + endpoint.template() + " without credentials → 401",
                    () -> assertThat(call(given(), endpoint).statusCode()).isEqualTo(401)));
            for (String role : ALL) {
                boolean allowed = endpoint.allowed().contains(role);
                tests.add(DynamicTest.dynamicTest(endpoint.method() + " " + endpoint.template() + " as " + role
                        + (allowed ? " → allowed" : " → 403"), () -> {
                    Response response = call(given().auth().oauth2(Tokens.withRoles("matrix-" + role, role)), endpoint);
                    if (allowed) {
                        assertThat(response.statusCode()).as("status").isNotIn(401, 403).isLessThan(500);
                    } else {
                        assertThat(response.statusCode()).as("status").isEqualTo(403);
                        assertThat(response.contentType()).startsWith("application/problem+json");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyApiEndpointIsInTheMatrix() {
        JsonPath openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            for (String method : path.getValue().keySet()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> inMatrix = new TreeSet<>();
        matrix().forEach(e -> inMatrix.add(e.method() + " " + e.template()));
        assertThat(inMatrix).as("endpoints in the authorization matrix").containsExactlyElementsOf(documented);
    }

    private static Response call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            // a CSV import is recognised by its leading comment line
            request = request.contentType(endpoint.body().startsWith("#") ? "text/csv" : ContentType.JSON.toString()).body(endpoint.body());
        }
        return request.when().request(endpoint.method(), endpoint.path());
    }
}
