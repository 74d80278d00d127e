package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.audit.chain.OfflineVerifier;
import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.common.Principal;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditChainResourceTest {

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditRepository events;

    @Inject
    EntityManager em;

    @Test
    void sealedEventsVerifyThroughTheApiAndOffline() throws Exception {
        List<Long> seqs = AuditTestEvents.append(log, "chain-test", 5);
        sealer.sealAll();
        long checkpoint = sealer.checkpointNow().orElseThrow().chainIndex;

        List<AuditEvent> sealed = QuarkusTransaction.requiringNew().call(() ->
                events.list("seq in ?1 order by chainIndex", seqs));
        assertThat(sealed).allSatisfy(event -> assertThat(event.chainIndex).isNotNull());
        for (int i = 1; i < sealed.size(); i++) {
            assertThat(sealed.get(i).prevHash).isEqualTo(sealed.get(i - 1).hash);
        }
        long from = sealed.get(0).chainIndex;

        given().queryParam("from", from).queryParam("to", checkpoint).when().get("/api/v1/audit/verify")
                .then().statusCode(Status.OK.getStatusCode()).body("ok", equalTo(true));
        given().when().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));

        Path export = AuditTestEvents.export(Map.of("from", from, "to", checkpoint));
        assertThat(Files.readAllLines(export)).anySatisfy(line -> assertThat(line).startsWith("{\"kind\":\"checkpoint\""));
        Path key = AuditTestEvents.publicKeyFile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(new String[] {export.toString(), key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        VerifyResult offline = OfflineVerifier.verify(export, ChainKeys.publicKey(Files.readString(key)));
        assertThat(offline.ok()).isTrue();
        assertThat(offline.lastCheckpointIndex()).isEqualTo(checkpoint);
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteEvents() {
        List<Long> seqs = AuditTestEvents.append(log, "guard-test", 1);
        long seq = seqs.get(0);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update audit_event set payload = '{}' where seq = ?1").setParameter(1, seq).executeUpdate()))
                .hasStackTraceContaining("append-only");
        sealer.sealAll();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update audit_event set hash = 'x' where seq = ?1").setParameter(1, seq).executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from audit_event where seq = ?1").setParameter(1, seq).executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from audit_checkpoint").executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.findById(seq)).payload).isNotEqualTo("{}");
    }
}
