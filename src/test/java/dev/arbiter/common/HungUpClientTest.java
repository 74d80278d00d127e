package dev.arbiter.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.http.HttpClosedException;

/**
 * A client that hangs up halfway through sending an alert (a load balancer's timeout, a killed SIEM connector) is not
 * a failure of the service: no error with a stack trace in the log, nothing stored, and the next alert is decided.
 */
@QuarkusTest
class HungUpClientTest {

    private static final String MAPPER = ProblemMapper.class.getName();

    @TestHTTPResource("/api/v1/alerts")
    URL alerts;

    @Test
    void aRequestCutOffMidBodyIsLoggedAtDebugLevelOnly() throws Exception {
        String token = Tokens.withRoles("hang-up", "ingest");
        String externalId = "hung-up-" + UUID.randomUUID();
        String body = Fixtures.alert("minimal.json", externalId);
        Logger mapperLog = Logger.getLogger(MAPPER);
        Level before = mapperLog.getLevel();
        mapperLog.setLevel(Level.FINE);
        try (LogCapture log = new LogCapture()) {
            try (Socket socket = new Socket(alerts.getHost(), alerts.getPort())) {
                OutputStream out = socket.getOutputStream();
                String head = "POST " + alerts.getPath() + " HTTP/1.1\r\nHost: " + alerts.getHost() + "\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + (body.length() + 1000) + "\r\n\r\n";
                out.write((head + body.substring(0, body.length() / 2)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(300); // the request is waiting for the rest of its body
            }
            String logged = awaitLine(log, "closed the connection before its request to /api/v1/alerts");
            assertThat(logged).doesNotContain("Unexpected failure");
        } finally {
            mapperLog.setLevel(before);
        }

        // 201, not the 200 of an alert submitted before: the cut-off request stored nothing
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/alerts").then().statusCode(201);
    }

    @Test
    void onlyAClosedConnectionCountsAsAHangUp() {
        assertThat(ProblemMapper.clientHungUp(new IOException(new IOException(new HttpClosedException("closed")))))
                .isTrue();
        assertThat(ProblemMapper.clientHungUp(new IOException("No space left on device"))).isFalse();
        assertThat(ProblemMapper.clientHungUp(new IllegalStateException(new RuntimeException()))).isFalse();
        IOException first = new IOException("first");
        IOException second = new IOException("second", first);
        first.initCause(second);
        assertThat(ProblemMapper.clientHungUp(first)).isFalse();
    }

    private static String awaitLine(LogCapture log, String expected) throws InterruptedException {
        for (int i = 0; i < 100 && !log.all().contains(expected); i++) {
            Thread.sleep(100);
        }
        assertThat(log.all()).contains(expected);
        return log.all();
    }
}
