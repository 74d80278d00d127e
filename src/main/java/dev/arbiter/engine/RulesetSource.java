package dev.arbiter.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a ruleset is built from, keyed {@code rules/<name>.drl} and {@code dmn/<name>.dmn}, and the version
 * digest over them: SHA-256 over the sorted names and contents, so the same files always give the same version.
 */
public final class RulesetSource {

    private static final String RULES = "rules/";
    private static final String TABLES = "dmn/";

    private final SortedMap<String, String> files;
    private final String version;

    public RulesetSource(Map<String, String> files) {
        this.files = new TreeMap<>(files);
        this.version = digest(this.files);
    }

    /** Reads every {@code *.drl} of the rules folder and every {@code *.dmn} of the DMN folder (not their sub-folders). */
    public static RulesetSource read(Path rulesDir, Path dmnDir) {
        SortedMap<String, String> files = new TreeMap<>();
        readInto(files, rulesDir, RULES, ".drl");
        readInto(files, dmnDir, TABLES, ".dmn");
        return new RulesetSource(files);
    }

    private static void readInto(Map<String, String> files, Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            throw new RulesetException(java.util.List.of(
                    new RulesetProblem(dir.toString(), 0, "folder not found (working directory " + Path.of("").toAbsolutePath() + ")")));
        }
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).toList()) {
                files.put(prefix + path.getFileName(), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    private static String digest(SortedMap<String, String> files) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                sha256.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The files, keyed {@code rules/…} and {@code dmn/…}, sorted. */
    public SortedMap<String, String> files() {
        return java.util.Collections.unmodifiableSortedMap(files);
    }

    /** The rule files, {@code rules/…}, sorted. */
    public SortedMap<String, String> ruleFiles() {
        return under(RULES);
    }

    /** The table files, {@code dmn/…}, sorted. */
    public SortedMap<String, String> tableFiles() {
        return under(TABLES);
    }

    private SortedMap<String, String> under(String folder) {
        return java.util.Collections.unmodifiableSortedMap(files.subMap(folder, folder + Character.MAX_VALUE));
    }

    /** {@code sha256:} followed by 64 hex digits. */
    public String version() {
        return version;
    }
}
