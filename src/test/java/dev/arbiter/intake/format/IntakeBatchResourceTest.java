package dev.arbiter.intake.format;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** NDJSON batches: a result per line (and per alert), and one bad line never sinks the batch. */
@QuarkusTest
@TestSecurity(user = "siem", roles = {Roles.INGEST, Roles.ANALYST})
class IntakeBatchResourceTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AlertRepository alerts;

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    /** The known-bad address the first alert's P1 relies on, whichever test ran before. */
    @BeforeEach
    void seedInventory() {
        inventory.seedStarterInventory();
    }

    @Test
    void everyLineIsDecidedOrRefusedOnItsOwn() throws Exception {
        String c2 = FormatFixtures.fresh("suricata", "et-malware-c2.json", "1183457812283011").text().strip();
        String scan = FormatFixtures.fresh("suricata", "ipv6-scan.json", "9033417700152214").text().strip();
        String cves = oneLine(FormatFixtures.fresh("suricata", "log4j-multiple-cves.json", "2241098876500193").text());
        String batch = String.join("\n", c2, "{\"event_type\": \"alert\", ", FormatFixtures.read("suricata", "flow-record.json").strip(),
                "", scan, c2, cves) + "\n";
        long alertsBefore = alerts.count();

        JsonPath answer = given().contentType(NDJSON).body(bytes(batch))
                .when().post("/api/v1/intake/suricata")
                .then().statusCode(Status.OK.getStatusCode())
                .body("format", equalTo("suricata"))
                .body("documents", equalTo(6))
                .body("created", equalTo(3))
                .body("existing", equalTo(1))
                .body("rejected", equalTo(2))
                .body("results.line", equalTo(List.of(1, 2, 3, 5, 6, 7)))
                .body("results.status", equalTo(List.of("created", "rejected", "rejected", "created", "existing", "created")))
                .body("results[1].problem.status", equalTo(400))
                .body("results[1].problem.detail", startsWith("Malformed JSON"))
                .body("results[2].problem.status", equalTo(422))
                .body("results[2].problem.type", equalTo("https://arbiter.dev/problems/unsupported-event-type"))
                .body("results[2].problem.errors[0].field", equalTo("$.event_type"))
                .body("results[0].priority", equalTo("P1"))
                .extract().jsonPath();

        assertThat(answer.getString("results[4].decisionId")).isEqualTo(answer.getString("results[0].decisionId"));
        assertThat(alerts.count()).isEqualTo(alertsBefore + 3);
        String externalId = answer.getString("results[0].externalId");
        assertThat(alerts.findBySourceAndExternalId("suricata", externalId).orElseThrow().rawJson)
                .as("the line as received").isEqualTo(c2);
    }

    @Test
    void windowsLineEndingsAreFine() throws Exception {
        String first = oneLine(FormatFixtures.fresh("wazuh", "syscheck-unicode.json", "1795831961.5520911").text());
        String second = oneLine(FormatFixtures.fresh("wazuh", "vulnerability-detector.json", "1795831514.9981234").text());

        given().contentType(NDJSON).body(bytes(first + "\r\n" + second + "\r\n"))
                .when().post("/api/v1/intake/wazuh")
                .then().statusCode(Status.OK.getStatusCode())
                .body("results.status", equalTo(List.of("created", "created")))
                .body("results.line", equalTo(List.of(1, 2)));
    }

    @Test
    void anAlertmanagerLineGivesAResultPerAlert() throws Exception {
        String notification = oneLine(FormatFixtures.read("alertmanager", "firing-two-alerts.json")
                .replace("3b1f9c0d2e4a5b6c", "b47c0ffee0000001").replace("a0c4e2f1b3d59786", "b47c0ffee0000002"));

        given().contentType(NDJSON).body(bytes(notification + "\n"))
                .when().post("/api/v1/intake/alertmanager")
                .then().statusCode(Status.OK.getStatusCode())
                .body("documents", equalTo(1))
                .body("results.line", equalTo(List.of(1, 1)))
                .body("results.index", equalTo(List.of(0, 1)))
                .body("results.status", equalTo(List.of("created", "created")));
    }

    @Test
    void moreLinesThanTheLimitIsTooLarge() {
        String batch = "{}\n".repeat(1001);
        long alertsBefore = alerts.count();

        given().contentType(NDJSON).body(bytes(batch))
                .when().post("/api/v1/intake/falco")
                .then().statusCode(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                .contentType("application/problem+json")
                .body("type", equalTo("https://arbiter.dev/problems/batch-too-large"))
                .body("detail", equalTo("The batch has 1001 documents; the limit is 1000 per request: split it"));

        assertThat(alerts.count()).isEqualTo(alertsBefore);
    }

    @Test
    void anEmptyBatchIsABadRequest() {
        given().contentType(NDJSON).body(bytes("\n\n"))
                .when().post("/api/v1/intake/falco")
                .then().statusCode(Status.BAD_REQUEST.getStatusCode())
                .body("detail", equalTo("The batch is empty; send one falco document per line"));
    }

    @Test
    void unknownFormatIsNotFoundForBatchesToo() {
        given().contentType(NDJSON).body(bytes("{}\n"))
                .when().post("/api/v1/intake/cef")
                .then().statusCode(Status.NOT_FOUND.getStatusCode())
                .body("detail", startsWith("No alert format 'cef'; supported formats: alertmanager"));
    }

    /** NDJSON is UTF-8 (RestAssured has no encoder for its media type). */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String oneLine(String json) throws Exception {
        JsonNode tree = JSON.readTree(json);
        return JSON.writeValueAsString(tree);
    }
}
