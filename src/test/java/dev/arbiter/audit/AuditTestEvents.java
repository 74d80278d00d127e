package dev.arbiter.audit;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.arbiter.common.Principal;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Helpers for audit tests: events appended in their own transactions, exports and the public key as files. */
final class AuditTestEvents {

    static final Principal TESTER = new Principal("user", "audit-tester", "Audit Tester");

    private AuditTestEvents() {
    }

    static List<Long> append(AuditLog log, String type, int count) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            seqs.add(QuarkusTransaction.requiringNew().call(() -> log.append(TESTER, "test." + type,
                    "test:" + UUID.randomUUID(), Map.of("n", n, "note", "line \"" + n + "\"\n", "ünïcode", "✓"))).seq);
        }
        return seqs;
    }

    /** The JSON Lines export for the query parameters, as an auditor downloads it (caller has audit rights). */
    static Path export(Map<String, ?> query) throws IOException {
        Path file = Files.createTempFile("audit-export", ".jsonl");
        try (InputStream body = given().queryParams(query).when().get("/api/v1/audit/export")
                .then().statusCode(200).extract().asInputStream()) {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    static Path publicKeyFile() throws IOException {
        Path file = Files.createTempFile("audit-key", ".pem");
        Files.writeString(file, given().accept("application/x-pem-file").when().get("/api/v1/audit/public-key")
                .then().statusCode(200).extract().asString());
        return file;
    }
}
