package dev.arbiter.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the test {@link Receiver} before Quarkus and points the dispatch configuration at it: a responder (with its
 * own secret) for each type in {@link #RESPONDER_TYPES}, the callback secret, and deliberately no responder for
 * {@code page-on-call} and no default responder.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    static final List<String> RESPONDER_TYPES = List.of("notify-soc", "open-ticket", "block-hash", "isolate-host");
    static final String CALLBACK_SECRET = "test-callback-secret-7f3a";
    static final String CALLBACK_PATH = "/callbacks/client";

    private static volatile Receiver receiver;

    static Receiver receiver() {
        return receiver;
    }

    static String secretOf(String actionType) {
        return "test-responder-secret-" + actionType;
    }

    static String pathOf(String actionType) {
        return "/responders/" + actionType;
    }

    @Override
    public Map<String, String> start() {
        receiver = Receiver.start();
        Map<String, String> config = new LinkedHashMap<>();
        for (String type : RESPONDER_TYPES) {
            config.put("arbiter.dispatch.responders.\"" + type + "\".url", receiver.url(pathOf(type)));
            config.put("arbiter.dispatch.responders.\"" + type + "\".secret", secretOf(type));
        }
        config.put("arbiter.dispatch.callback.secret", CALLBACK_SECRET);
        return config;
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.stop();
        }
    }
}
