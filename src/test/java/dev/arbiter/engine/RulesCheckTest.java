package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline checker: exit status and messages for a good folder, a broken one and wrong usage. */
class RulesCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RulesCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void passesTheRepositoryFolder() {
        assertThat(run("check", ".")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" failed", "0 failed", "OK sha256:");
    }

    @Test
    void failsAFolderWhoseScenarioFailsWithFileLineAndMessage(@TempDir Path folder) throws IOException {
        for (Map.Entry<String, String> file : RulesetBundle.read(Path.of(".")).allFiles().entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path severity = folder.resolve("rules/severity.drl");
        Files.writeString(severity, Files.readString(severity).replace("getName(), 30,", "getName(), 31,"));

        assertThat(run("check", folder.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("error: rules/tests/severity.yaml:", "scenario 'Critical vendor severity alone is medium risk': expected score 30, got 31")
                .contains("FAILED");
    }

    @Test
    void refusesWrongUsage(@TempDir Path empty) {
        assertThat(run("check")).isEqualTo(2);
        assertThat(run("check", empty.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: arbiter-rules check", "expected a folder holding rules/ and dmn/");
    }
}
