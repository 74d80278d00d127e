package dev.arbiter.dispatch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends deliveries as HTTP POSTs with the JDK's {@link HttpClient}: JSON body, {@code X-Arbiter-Signature},
 * {@code Idempotency-Key} (the delivery id, the same on every attempt), connect and answer timeouts, no redirects.
 * A batch goes out in parallel, so one hanging receiver costs its own timeout, not the batch's. Never inside a
 * database transaction.
 */
@ApplicationScoped
class WebhookSender {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String DELIVERY = "X-Arbiter-Delivery";
    static final String ATTEMPT = "X-Arbiter-Attempt";
    static final String EVENT = "X-Arbiter-Event";
    private static final int MAX_ERROR = 500;

    private final HttpClient client;
    private final Clock clock;
    private final DispatchConfig config;

    WebhookSender(Clock clock, DispatchConfig config) {
        this.clock = clock;
        this.config = config;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends every delivery at once and waits for all results, in the same order. */
    List<Delivery.Result> send(List<Delivery> deliveries) {
        List<CompletableFuture<Delivery.Result>> pending = deliveries.stream().map(this::sendAsync).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Delivery.Result> sendAsync(Delivery delivery) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = request(delivery, startedAt);
        } catch (RuntimeException e) { // an unusable URL: a failed attempt, not a failed batch
            return CompletableFuture.completedFuture(new Delivery.Result(startedAt, 0, null, describe(e, delivery)));
        }
        // The request timeout covers the answer's head; this guard also covers a body that never ends.
        Duration guard = delivery.timeout().plus(config.connectTimeout()).plusSeconds(5);
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(guard.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    return failure == null
                            ? new Delivery.Result(startedAt, millis, response.statusCode(), null,
                                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()))
                            : new Delivery.Result(startedAt, millis, null, describe(failure, delivery));
                });
    }

    private static HttpRequest request(Delivery delivery, Instant startedAt) {
        return HttpRequest.newBuilder(delivery.url())
                .timeout(delivery.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Arbiter-Dispatch/1")
                .header(IDEMPOTENCY_KEY, delivery.id().toString())
                .header(DELIVERY, delivery.id().toString())
                .header(ATTEMPT, Integer.toString(delivery.attempt()))
                .header(EVENT, delivery.event())
                .header(Signature.HEADER, Signature.header(delivery.secret(), startedAt.getEpochSecond(), delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
    }

    /**
     * A {@code Retry-After} value (RFC 9110: delay-seconds or an HTTP-date) as a wait from {@code now}; null when absent
     * or unreadable, and never negative.
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** The failure in words a SOC engineer can act on; no class names. */
    static String describe(Throwable failure, Delivery delivery) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text;
        if (cause instanceof HttpConnectTimeoutException) {
            text = "timed out: could not connect to " + delivery.url().getHost();
        } else if (cause instanceof HttpTimeoutException) {
            text = "timed out: no answer within " + delivery.timeout().toMillis() + " ms";
        } else if (cause instanceof TimeoutException) {
            text = "timed out: the answer did not complete";
        } else if (cause instanceof ConnectException) {
            text = "connection refused or unreachable: " + delivery.url().getHost();
        } else if (cause instanceof IOException) {
            text = "I/O error: " + (cause.getMessage() != null ? cause.getMessage() : "connection closed");
        } else {
            text = "failed: " + (cause.getMessage() != null ? cause.getMessage() : "unexpected error");
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
