package dev.arbiter.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
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
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * A small body of a request with credentials is read on the event loop before the resource runs; a large or chunked
 * one, or one without credentials, is read by the resource's worker as before. Either way the resource gets every
 * byte, and a request without credentials to a resource that needs them is refused before its body is read.
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
                .header("X-API-Key", "ak_unchecked")
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
    void onlyBodiesOfAnnouncedSmallLengthAreSmall() {
        assertThat(SmallBodies.smallBody(HttpMethod.POST, "1200")).isTrue();
        assertThat(SmallBodies.smallBody(HttpMethod.PUT, " 1200 ")).isTrue();
        assertThat(SmallBodies.smallBody(HttpMethod.PATCH, String.valueOf(SmallBodies.MAX_BYTES))).isTrue();
        assertThat(SmallBodies.smallBody(HttpMethod.POST, String.valueOf(SmallBodies.MAX_BYTES + 1))).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.POST, "0")).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.POST, null)).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.POST, "twelve")).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.POST, "-5")).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.GET, "1200")).isFalse();
        assertThat(SmallBodies.smallBody(HttpMethod.DELETE, "1200")).isFalse();
    }

    @Test
    void anyKindOfCredentialCounts() {
        assertThat(SmallBodies.carriesCredentials(headers("Authorization", "Basic dGVzdGVyOnNlY3JldA=="))).isTrue();
        assertThat(SmallBodies.carriesCredentials(headers("authorization", "Bearer eyJ"))).isTrue();
        assertThat(SmallBodies.carriesCredentials(headers("X-API-Key", "ak_1"))).isTrue();
        assertThat(SmallBodies.carriesCredentials(headers("x-api-key", "ak_1"))).isTrue();
        assertThat(SmallBodies.carriesCredentials(headers("Cookie", "arbiter-session=abc"))).isTrue();
        assertThat(SmallBodies.carriesCredentials(headers("Content-Type", "application/json"))).isFalse();
        assertThat(SmallBodies.carriesCredentials(MultiMap.caseInsensitiveMultiMap())).isFalse();
    }

    @Test
    void anAlertSizedBodyWithoutCredentialsIsReadByTheResource() {
        byte[] alert = Fixtures.alert("powershell-cradle.json", "anonymous-" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(alert)
                .when().post("/api/test/body-probe")
                .then().statusCode(200)
                .body("bytes", equalTo(alert.length))
                .body("sha256", equalTo(Digests.sha256Hex(alert)))
                .body("bufferedBeforeTheResource", equalTo(false));
    }

    @Test
    void aRequestWithoutCredentialsIsRefusedBeforeItsBodyArrives() throws IOException {
        // headers that announce an alert-sized body, and no body: had the router waited for it, no answer would come
        try (Socket socket = new Socket(probe.getHost(), probe.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/alerts HTTP/1.1\r\nHost: " + probe.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + SmallBodies.MAX_BYTES + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(answer.readLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    private static MultiMap headers(String name, String value) {
        return MultiMap.caseInsensitiveMultiMap().add(name, value);
    }

    /**
     * Posts the body with its length announced and an API key (the probe permits everyone, so the key is not checked);
     * the probe got every byte, buffered beforehand or not as expected.
     */
    private static void assertProbed(ContentType type, byte[] body, boolean buffered) {
        given().contentType(type).header("X-API-Key", "ak_unchecked").body(body)
                .when().post("/api/test/body-probe")
                .then().statusCode(200)
                .body("bytes", equalTo(body.length))
                .body("sha256", equalTo(Digests.sha256Hex(body)))
                .body("bufferedBeforeTheResource", equalTo(buffered));
    }
}
