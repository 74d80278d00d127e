package dev.arbiter.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on a free loopback port (the JDK's HttpServer) for responders and callbacks. It records every
 * request and answers as a test scripted it for that path and alert (by the body's {@code alert.externalId}):
 * a status code, or hanging until released. Unscripted requests get 200.
 */
final class Receiver {

    /** A request as received: path, headers (lower-case names), raw body, and the body parsed. */
    record Request(String path, Map<String, String> headers, String body, JsonNode json) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One scripted answer: a status code (with a {@code Retry-After} value or null), or {@code HANG} (no answer until released). */
    record Answer(int status, String retryAfter) {
        static final Answer HANG = new Answer(-1, null);

        static Answer status(int status) {
            return new Answer(status, null);
        }

        static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, retryAfter);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Receiver receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.pool);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test receiver", e);
        }
    }

    void stop() {
        hanging.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers for requests to {@code path} about alert {@code externalId}, in order; the last one repeats. */
    void script(String path, String externalId, Answer... answers) {
        scripts.put(path + "|" + externalId, new ArrayDeque<>(List.of(answers)));
    }

    /** Requests to {@code path} about alert {@code externalId}, in arrival order. */
    List<Request> received(String path, String externalId) {
        return requests.stream()
                .filter(r -> r.path().equals(path) && externalId.equals(r.json().path("alert").path("externalId").asText()))
                .toList();
    }

    /** Lets every hanging request go (they answer 200, long after the sender gave up). */
    void releaseHanging() {
        CountDownLatch released = hanging;
        hanging = new CountDownLatch(1);
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            JsonNode json = JSON.readTree(body.isEmpty() ? "{}" : body);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, headers, body, json));

            Answer answer = next(path + "|" + json.path("alert").path("externalId").asText());
            int status = answer.status();
            if (answer == Answer.HANG) {
                hanging.await(30, TimeUnit.SECONDS);
                status = 200;
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender gave up (timeout) and closed the connection
        }
    }

    private Answer next(String key) {
        Deque<Answer> script = scripts.get(key);
        if (script == null) {
            return Answer.status(200);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }
}
