package dev.arbiter.decision;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Lets tests of other packages line decisions up for one shared transaction ({@link GroupCommit}). */
@ApplicationScoped
public class GroupCommitControl {

    private final GroupCommit groupCommit;

    GroupCommitControl(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    /**
     * Runs the calls while decisions are held, each once the one before it has queued its decision (so the queue holds
     * them in this order), then lets one batch take them all; their results, in the same order.
     */
    public <T> List<T> together(List<Callable<T>> calls) throws Exception {
        return together(groupCommit, calls);
    }

    /** Posts the alerts together ({@link #together}) as the test's user; the answers in the same order. */
    public List<ExtractableResponse<Response>> postAlerts(List<String> bodies) throws Exception {
        return together(bodies.stream().<Callable<ExtractableResponse<Response>>>map(body -> () ->
                given().contentType(ContentType.JSON).body(body).when().post("/api/v1/alerts").then().extract())
                .toList());
    }

    /** The same for a {@link GroupCommit} of a test's own. */
    static <T> List<T> together(GroupCommit groupCommit, List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            groupCommit.hold();
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> call : calls) {
                pending.add(threads.submit(call));
                waitUntilQueued(groupCommit, pending.size());
                if (groupCommit.queued() != pending.size()) {
                    throw new AssertionError(groupCommit.queued() + " decisions queued, not " + pending.size());
                }
            }
            groupCommit.release();
            List<T> results = new ArrayList<>();
            for (Future<T> result : pending) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            groupCommit.release();
            threads.shutdownNow();
        }
    }

    /** Waits (30 s at most) until {@code decisions} are queued. */
    private static void waitUntilQueued(GroupCommit groupCommit, int decisions) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (groupCommit.queued() < decisions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(groupCommit.queued() + " decisions queued after 30 s, not " + decisions);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public long batches() {
        return groupCommit.counts().batches();
    }

    public long grouped() {
        return groupCommit.counts().grouped();
    }

    public long retried() {
        return groupCommit.counts().retried();
    }
}
