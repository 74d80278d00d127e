package dev.arbiter.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher calls back after a saved change of a watched folder. */
class FolderWatcherTest {

    @Test
    void callsBackAfterAFileIsSaved(@TempDir Path folder) throws IOException, InterruptedException {
        CountDownLatch changed = new CountDownLatch(1);
        try (FolderWatcher watcher = new FolderWatcher(List.of(folder), Duration.ofMillis(100), changed::countDown).start()) {
            Files.writeString(folder.resolve("asset.drl"), "package rules;");

            // a generous bound, not a timing assertion: the test only needs the call to come at all
            assertThat(changed.await(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
