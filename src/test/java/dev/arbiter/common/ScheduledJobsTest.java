package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.arbiter.approval.ApprovalSweep;
import io.quarkus.scheduler.Scheduled;

/**
 * Every scheduled job of the application skips its runs once shutdown has begun: a run that starts after the
 * persistence unit has closed fails ("Unable to find an EntityManagerFactory") and logs an ERROR for nothing, as the
 * approval sweep did at the end of a benchmark run (issue #9).
 */
class ScheduledJobsTest {

    @Test
    void everyScheduledJobSkipsWhileTheApplicationIsNotRunning() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (Method method : scheduledMethods()) {
            for (Scheduled scheduled : method.getAnnotationsByType(Scheduled.class)) {
                String job = method.getDeclaringClass().getSimpleName() + "." + method.getName();
                jobs.add(job);
                assertThat(scheduled.skipExecutionIf()).as(job).isEqualTo(Scheduled.ApplicationNotRunning.class);
            }
        }
        // the sealer, retention, dispatch, dispatch purge, approval sweep and ruleset sync at least
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(6).contains("ApprovalSweep.sweep", "AuditSealer.scheduled");
    }

    /** The methods annotated {@code @Scheduled} in the application's own classes (target/classes). */
    private static List<Method> scheduledMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApprovalSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/arbiter"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : Class.forName(name, false, ScheduledJobsTest.class.getClassLoader()).getDeclaredMethods()) {
                    if (method.getAnnotationsByType(Scheduled.class).length > 0) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }
}
