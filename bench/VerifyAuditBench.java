import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.UUID;

import dev.arbiter.audit.chain.ChainCheckpoint;
import dev.arbiter.audit.chain.ChainCodec;
import dev.arbiter.audit.chain.ChainEvent;
import dev.arbiter.audit.chain.ChainKeys;
import dev.arbiter.audit.chain.ExportLines;
import dev.arbiter.audit.chain.OfflineVerifier;
import dev.arbiter.audit.chain.VerifyResult;

/** Generates a signed N-event export like the server's, then times the offline verifier on it (see verify-audit-bench). */
public class VerifyAuditBench {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Path export = dir.resolve("export.jsonl");
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String keyId = ChainKeys.keyId(keys.getPublic());
        Files.writeString(dir.resolve("public-key.pem"), ChainKeys.pem(keys.getPublic()));

        long started = System.nanoTime();
        ChainCodec codec = new ChainCodec();
        String prev = ChainCodec.GENESIS;
        Instant time = Instant.parse("2026-11-28T02:20:00Z");
        StringBuilder line = new StringBuilder(1024);
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            for (long i = 1; i <= n; i++) {
                String decision = UUID.randomUUID().toString();
                String payload = ChainCodec.canonicalJson("{\"decisionId\":\"" + decision + "\",\"alertId\":\"" + UUID.randomUUID()
                        + "\",\"rulesetVersion\":\"sha256:d422c6ee0f991f8fa688a3b63ea42bb5840ecb936e3003d3222b9c15626e13b7\","
                        + "\"riskScore\":" + (i % 101) + ",\"priority\":\"P" + (1 + i % 4) + "\",\"actions\":[\"open-ticket\",\"isolate-host\"]}");
                ChainEvent event = new ChainEvent(i, i, time.plusMillis(i).toString(), "api-key", "arb_k" + (i % 7),
                        "siem-" + (i % 7), "decision.made", decision, payload, prev, null);
                String hash = codec.hash(prev, event, i);
                event = new ChainEvent(i, i, event.occurredAt(), event.principalKind(), event.principalId(),
                        event.principalName(), event.type(), event.subjectId(), payload, prev, hash);
                line.setLength(0);
                ExportLines.event(line, event);
                if (i % 1000 == 0 || i == n) {
                    String createdAt = time.plusMillis(i).toString();
                    String signature = ChainKeys.sign(keys.getPrivate(), ChainCodec.checkpointBytes(i, hash, createdAt, keyId));
                    ExportLines.checkpoint(line, new ChainCheckpoint(i, hash, createdAt, keyId, signature));
                }
                out.append(line);
                prev = hash;
            }
        }
        System.out.printf("generated %d events (%d MB) in %d ms%n", n, Files.size(export) >> 20,
                (System.nanoTime() - started) / 1_000_000);

        // wall time, and this thread's CPU time: on a shared machine the second is the fairer figure
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            VerifyResult result = OfflineVerifier.verify(export, keys.getPublic());
            long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
            long cpuMs = Math.max(1, (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
            System.out.printf("offline verifier, run %d: %s, %d events in %d ms = %,d events/s (CPU %d ms = %,d events/CPU-s)%n",
                    run, result.ok() ? "OK" : "BROKEN " + result, result.events(), ms, result.events() * 1000 / ms,
                    cpuMs, result.events() * 1000 / cpuMs);
        }
    }
}
