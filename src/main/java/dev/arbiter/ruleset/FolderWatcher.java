package dev.arbiter.ruleset;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Watches folders (not their sub-folders) and calls back once they have been quiet for a while after a change, so an
 * editor's burst of writes (temp file, rename, touch) leads to one call. Plain Java, one daemon thread.
 */
final class FolderWatcher implements Closeable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);

    private final WatchService service;
    private final Duration quiet;
    private final Runnable onChange;
    private final Thread thread;

    FolderWatcher(List<Path> folders, Duration quiet, Runnable onChange) {
        this.quiet = quiet;
        this.onChange = onChange;
        try {
            this.service = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + folders, e);
        }
        this.thread = new Thread(this::loop, "arbiter-ruleset-watcher");
        this.thread.setDaemon(true);
    }

    FolderWatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.take();
                do {
                    key.pollEvents();
                    key.reset();
                    key = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                } while (key != null);
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Handling a change of the rule folders failed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: stop
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException e) {
            LOG.debugf(e, "Closing the folder watcher");
        }
    }
}
