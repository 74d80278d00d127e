package dev.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.chain.ChainCodec;
import dev.arbiter.audit.chain.ChainEvent;
import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.audit.chain.OfflineVerifier;
import dev.arbiter.audit.chain.VerifyResult;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Each way of rewriting history, done as a database superuser past the guard triggers, is found at the right chain
 * index by the API and by the offline verifier on an export. Each test tampers with a range of its own events and
 * puts the rows back afterwards, so the shared database stays intact for other tests.
 */
@QuarkusTest
@TestSecurity(user = "auditor", roles = Roles.AUDITOR)
class AuditTamperResourceTest {

    @Inject
    AuditLog log;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditRepository events;

    @Inject
    EntityManager em;

    Tamper tamper;

    /** Six sealed events of this test, from {@code from} to the signed checkpoint at {@code to}. */
    record Range(long from, long to, List<AuditEvent> events) {
        long index(int i) {
            return from + i;
        }
    }

    @BeforeEach
    void setUp() {
        tamper = new Tamper(em);
    }

    @Test
    void aChangedPayloadIsAHashMismatch() throws Exception {
        Range range = sealedRange();
        long target = range.index(2);
        tampered(range, connection -> update(connection,
                "update audit_event set payload = '{\"n\":99}' where chain_index = ?", target),
                target, "hash-mismatch");
    }

    @Test
    void aDeletedRowIsAGap() throws Exception {
        Range range = sealedRange();
        long target = range.index(3);
        tampered(range, connection -> update(connection, "delete from audit_event where chain_index = ?", target),
                target, "gap");
    }

    @Test
    void anInsertedRowIsFoundWhereItWasInserted() throws Exception {
        Range range = sealedRange();
        long target = range.index(2);
        AuditEvent before = range.events().get(1);
        tampered(range, connection -> {
            shift(connection, target, range.to());
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_event (occurred_at, "
                    + "principal_kind, principal_id, principal_name, type, subject_id, payload, chain_index, prev_hash, "
                    + "hash) values (?, 'user', 'mallory', 'Mallory', 'test.forged', 'test:forged', '{}', ?, ?, ?)")) {
                insert.setObject(1, java.time.OffsetDateTime.parse("2026-11-28T02:20:00Z"));
                insert.setLong(2, target);
                insert.setString(3, before.hash);
                insert.setString(4, "f".repeat(64));
                insert.executeUpdate();
            }
        }, target, "hash-mismatch");
    }

    @Test
    void swappedRowsBreakTheChainAtTheFirstOfThem() throws Exception {
        Range range = sealedRange();
        long first = range.index(1);
        long second = range.index(2);
        tampered(range, connection -> {
            update(connection, "update audit_event set chain_index = -1 where chain_index = ?", first);
            update(connection, "update audit_event set chain_index = " + first + " where chain_index = ?", second);
            update(connection, "update audit_event set chain_index = " + second + " where chain_index = ?", -1);
        }, first, "prev-hash-mismatch");
    }

    @Test
    void aTruncatedTailIsFoundAgainstTheLastCheckpoint() throws Exception {
        Range range = sealedRange();
        long firstMissing = range.to() - 1;
        tampered(range, connection -> update(connection, "delete from audit_event where chain_index >= ?", firstMissing),
                firstMissing, "truncated");
    }

    @Test
    void aForgedCheckpointIsABadSignature() throws Exception {
        Range range = sealedRange();
        long target = range.index(2);
        AuditEvent event = range.events().get(2);
        PrivateKey mallory = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        String createdAt = "2026-11-28T02:20:00Z";
        String keyId = QuarkusTransaction.requiringNew().call(() -> events.checkpointAt(range.to()).orElseThrow().keyId);
        String signature = ChainKeys.sign(mallory, ChainCodec.checkpointBytes(target, event.hash, createdAt, keyId));
        tampered(range, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint (chain_index, "
                    + "head_hash, created_at, key_id, signature) values (?, ?, ?, ?, ?)")) {
                insert.setLong(1, target);
                insert.setString(2, event.hash);
                insert.setObject(3, java.time.OffsetDateTime.parse(createdAt));
                insert.setString(4, keyId);
                insert.setString(5, signature);
                insert.executeUpdate();
            }
        }, target, "bad-signature");
    }

    @Test
    void aRewrittenAndRehashedChainIsCaughtByTheSignedCheckpoint() throws Exception {
        Range range = sealedRange();
        ChainCodec codec = new ChainCodec();
        tampered(range, connection -> {
            String prev = range.events().get(0).prevHash;
            for (AuditEvent event : range.events()) {
                String payload = event.chainIndex == range.index(2) ? "{\"n\":99}" : event.payload;
                ChainEvent forged = new ChainEvent(event.chainIndex, event.seq, event.occurredAt.toString(),
                        event.principalKind, event.principalId, event.principalName, event.type, event.subjectId,
                        payload, prev, null);
                String hash = codec.hash(prev, forged, event.chainIndex);
                try (PreparedStatement update = connection.prepareStatement(
                        "update audit_event set payload = ?, prev_hash = ?, hash = ? where seq = ?")) {
                    update.setString(1, payload);
                    update.setString(2, prev);
                    update.setString(3, hash);
                    update.setLong(4, event.seq);
                    update.executeUpdate();
                }
                prev = hash;
            }
        }, range.to(), "checkpoint-mismatch");
    }

    // --- helpers

    private Range sealedRange() {
        sealer.sealAll();
        sealer.checkpointNow();
        List<Long> seqs = AuditTestEvents.append(log, "tamper", 6);
        sealer.sealAll();
        long to = sealer.checkpointNow().orElseThrow().chainIndex;
        List<AuditEvent> sealed = QuarkusTransaction.requiringNew().call(() ->
                events.list("seq in ?1 order by chainIndex", seqs));
        assertThat(sealed.get(sealed.size() - 1).chainIndex).isEqualTo(to);
        assertThat(to - sealed.get(0).chainIndex).isEqualTo(5);
        return new Range(sealed.get(0).chainIndex, to, sealed);
    }

    private void tampered(Range range, Tamper.Work work, long brokenIndex, String reason) throws Exception {
        assertVerdict(range, null, null);
        Tamper.Snapshot snapshot = tamper.snapshot(range.from(), range.to());
        try {
            tamper.asSuperuser(work);
            assertVerdict(range, brokenIndex, reason);
        } finally {
            tamper.restore(snapshot);
        }
        assertVerdict(range, null, null);
    }

    /** The API and the offline verifier agree: intact (null index), or broken at the index for the reason. */
    private void assertVerdict(Range range, Long brokenIndex, String reason) throws Exception {
        JsonPath api = given().queryParam("from", range.from()).queryParam("to", range.to())
                .when().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(api.getBoolean("ok")).as(api.prettify()).isEqualTo(brokenIndex == null);
        Path export = AuditTestEvents.export(Map.of("from", range.from(), "to", range.to()));
        Path key = AuditTestEvents.publicKeyFile();
        VerifyResult offline = OfflineVerifier.verify(export, ChainKeys.publicKey(Files.readString(key)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(new String[] {export.toString(), key.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
        if (brokenIndex == null) {
            assertThat(offline.ok()).as(offline.toString()).isTrue();
            assertThat(exit).isZero();
            return;
        }
        assertThat(api.getLong("brokenIndex")).as(api.prettify()).isEqualTo(brokenIndex);
        assertThat(api.getString("reason")).isEqualTo(reason);
        assertThat(offline.brokenIndex()).as(offline.toString()).isEqualTo(brokenIndex);
        assertThat(offline.reason()).isEqualTo(reason);
        assertThat(exit).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("BROKEN at index " + brokenIndex + ":");
    }

    private static void update(java.sql.Connection connection, String sql, long index) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, index);
            statement.executeUpdate();
        }
    }

    /** Moves events [from, to] one index up (through negative values, so the unique index never collides). */
    private static void shift(java.sql.Connection connection, long from, long to) throws java.sql.SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("update audit_event set chain_index = -chain_index - 1 where chain_index between "
                    + from + " and " + to);
            sql.executeUpdate("update audit_event set chain_index = -chain_index where chain_index < 0");
        }
    }
}
