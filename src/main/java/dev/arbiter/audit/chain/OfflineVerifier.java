package dev.arbiter.audit.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * {@code bin/verify-audit <export.jsonl> <public-key-file>}: verifies a JSON Lines export of the audit log with only
 * the public key, no database and no server. Prints the verdict; exits 0 when intact, 1 at the first broken index,
 * 2 when it could not run.
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: verify-audit <export.jsonl> <public-key-file (PEM or base64 X.509)>");
            return 2;
        }
        VerifyResult result;
        try {
            PublicKey key = ChainKeys.publicKey(Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII));
            result = verify(Path.of(args[0]), key);
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-audit: " + e.getMessage());
            return 2;
        }
        if (result.ok()) {
            out.printf("OK: %d events, %d checkpoints, %d unsealed; %s; last checkpoint at %s%n", result.events(),
                    result.checkpoints(), result.unsealed(), result.detail(), result.lastCheckpointIndex());
            return 0;
        }
        out.printf("BROKEN at index %d: %s (%s)%n", result.brokenIndex(), result.reason(), result.detail());
        return 1;
    }

    /** Verifies one export file, streaming it line by line. */
    public static VerifyResult verify(Path export, PublicKey key) throws IOException {
        ChainVerifier verifier = new ChainVerifier(key);
        long lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Object record;
                try {
                    record = ExportLines.parse(line);
                } catch (IOException e) {
                    return new VerifyResult(false, 0, 0, 0, null, null, null, null, null, "malformed",
                            "line " + lineNumber + ": " + e.getMessage());
                }
                boolean going = record instanceof ChainEvent event ? verifier.event(event)
                        : verifier.checkpoint((ChainCheckpoint) record);
                if (!going) {
                    break;
                }
            }
        }
        return verifier.finish();
    }
}
