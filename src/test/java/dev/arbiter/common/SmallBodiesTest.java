package dev.arbiter.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.http.HttpMethod;

/**
 * A small body is read on the event loop before the resource runs; a large or chunked one is read by the resource's
 * worker as before. Either way the resource gets every byte.
 */
@QuarkusTest
class SmallBodiesTest {

    @TestHTTPResource("/api/test/body-probe")
    URL probe;

    @Test
    void anAlertSizedBodyIsBufferedBeforeTheResource() {
        byte[] alert = Fixtures.alert("powershell-cradle.json", "small-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        assertProbed(ContentType.JSON, alert, true);
    }

    @Test
    void aBodyOverTheLimitIsReadWholeByTheResource() {
        byte[] large = "x".repeat(SmallBodies.MAX_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        assertProbed(ContentType.TEXT, large, false);
    }

    @Test
    void aChunkedBodyIsReadWholeByTheResource() throws Exception {
        byte[] body = "{\"chunked\":true}".repeat(200).getBytes(StandardCharsets.UTF_8);
        // a publisher of unknown length: the client sends Transfer-Encoding: chunked, no Content-Length
        HttpRequest request = HttpRequest.newBuilder(URI.create(probe.toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"bytes\":" + body.length)
                .contains("\"sha256\":\"" + Digests.sha256Hex(body) + "\"")
                .contains("\"bufferedBeforeTheResource\":false");
    }

    @Test
    void onlyBodiesOfAnnouncedSmallLengthAreBuffered() {
        assertThat(SmallBodies.buffers(HttpMethod.POST, "1200")).isTrue();
        assertThat(SmallBodies.buffers(HttpMethod.PUT, " 1200 ")).isTrue();
        assertThat(SmallBodies.buffers(HttpMethod.PATCH, String.valueOf(SmallBodies.MAX_BYTES))).isTrue();
        assertThat(SmallBodies.buffers(HttpMethod.POST, String.valueOf(SmallBodies.MAX_BYTES + 1))).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.POST, "0")).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.POST, null)).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.POST, "twelve")).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.POST, "-5")).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.GET, "1200")).isFalse();
        assertThat(SmallBodies.buffers(HttpMethod.DELETE, "1200")).isFalse();
    }

    /** Posts the body with its length announced; the probe got every byte, buffered beforehand or not as expected. */
    private static void assertProbed(ContentType type, byte[] body, boolean buffered) {
        given().contentType(type).body(body)
                .when().post("/api/test/body-probe")
                .then().statusCode(200)
                .body("bytes", equalTo(body.length))
                .body("sha256", equalTo(Digests.sha256Hex(body)))
                .body("bufferedBeforeTheResource", equalTo(buffered));
    }
}
