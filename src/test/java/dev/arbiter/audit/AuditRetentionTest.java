package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.audit.chain.OfflineVerifier;
import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.common.Digests;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Retention archives, checkpoints the boundary, deletes through the sanctioned path and records it; the rest of the
 * log verifies from the boundary checkpoint. Purges every sealed event so far (tests never rely on other tests'
 * events).
 */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditRetentionTest {

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditRetention retention;

    @Inject
    AuditRepository events;

    @Test
    void archivesThenDeletesAndTheRestVerifiesFromTheBoundary() throws Exception {
        List<Long> old = AuditTestEvents.append(log, "retention-old", 3);

        AuditRetention.Purge purge = retention.purgeOlderThan(Instant.parse("2999-01-01T00:00:00Z"));

        assertThat(purge.throughIndex()).isNotNull();
        assertThat(purge.events()).isEqualTo(purge.throughIndex() - purge.fromIndex() + 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.count("seq in ?1", old))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.count("chainIndex <= ?1", purge.throughIndex())))
                .isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.checkpointAt(purge.throughIndex()))).isPresent();

        Path archive = Path.of(purge.archive());
        assertThat(Digests.sha256Hex(Files.readAllBytes(archive))).isEqualTo(purge.archiveSha256());
        Path key = AuditTestEvents.publicKeyFile();
        VerifyResult archived = OfflineVerifier.verify(archive, ChainKeys.publicKey(Files.readString(key)));
        assertThat(archived.ok()).as(archived.toString()).isTrue();
        assertThat(archived.lastIndex()).isEqualTo(purge.throughIndex());
        assertThat(archived.lastCheckpointIndex()).isEqualTo(purge.throughIndex());

        AuditEvent purged = QuarkusTransaction.requiringNew().call(() ->
                events.find("type = ?1 order by seq desc", AuditLog.AUDIT_PURGED).firstResult());
        assertThat(purged.payload).contains("\"throughIndex\":" + purge.throughIndex());
        List<Long> later = AuditTestEvents.append(log, "retention-new", 2);
        sealer.sealAll();
        sealer.checkpointNow();

        JsonPath verified = given().when().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("ok")).as(verified.prettify()).isTrue();
        assertThat(verified.getLong("anchorIndex")).isEqualTo(purge.throughIndex());
        assertThat(verified.getLong("firstIndex")).isEqualTo(purge.throughIndex() + 1);

        Path export = AuditTestEvents.export(Map.of());
        assertThat(Files.readAllLines(export).get(0)).startsWith("{\"kind\":\"checkpoint\",\"chainIndex\":" + purge.throughIndex() + ",");
        VerifyResult rest = OfflineVerifier.verify(export, ChainKeys.publicKey(Files.readString(key)));
        assertThat(rest.ok()).as(rest.toString()).isTrue();
        assertThat(rest.anchorIndex()).isEqualTo(purge.throughIndex());
        assertThat(later).hasSize(2);

        AuditRetention.Purge nothing = retention.purgeOlderThan(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(nothing.throughIndex()).isNull();
    }
}
