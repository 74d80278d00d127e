package dev.arbiter.dispatch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.arbiter.decision.ActionResponders;
import io.quarkus.runtime.StartupEvent;

/**
 * Where a delivery goes: an action to the responder configured for its type, else the default responder; a
 * callback to the requester's URL, signed with the callback secret. Checks the configuration at start-up.
 */
@ApplicationScoped
class Responders implements ActionResponders {

    private static final Logger LOG = Logger.getLogger(Responders.class);
    static final String DEFAULT = "default";
    static final String CALLBACK = "callback";

    /** A resolved receiver; {@code name} is the responder's configuration key (or {@code default}, {@code callback}). */
    record Destination(String name, URI url, String secret, Duration timeout) {
    }

    private final DispatchConfig config;

    Responders(DispatchConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        validate();
    }

    /** Refuses a configuration that could not deliver safely: non-http URLs, empty secrets, a lease too short. */
    void validate() {
        config.responders().forEach(this::check);
        config.defaultResponder().ifPresent(r -> check(DEFAULT, r));
        checkLease("arbiter.dispatch.timeout", config.timeout());
        checkLease("arbiter.dispatch.callback.timeout", config.callback().timeout().orElse(config.timeout()));
        if (config.callback().secret().isEmpty()) {
            LOG.info("No arbiter.dispatch.callback.secret: requester callbacks will be marked no-responder, not sent");
        }
        LOG.infof("Dispatch responders: %s%s", config.responders().keySet(),
                config.defaultResponder().isPresent() ? " and a default" : ", no default");
    }

    private void check(String name, DispatchConfig.Responder responder) {
        String where = "arbiter.dispatch." + (DEFAULT.equals(name) ? "default-responder" : "responders.\"" + name + "\"");
        if (!isHttp(responder.url())) {
            throw new IllegalStateException(where + ".url must be an absolute http or https URL");
        }
        if (responder.secret().isBlank()) {
            throw new IllegalStateException(where + ".secret must not be empty");
        }
        checkLease(where + ".timeout", responder.timeout().orElse(config.timeout()));
    }

    /** A claim must outlast the longest attempt, or deliveries would be taken over while still in flight. */
    private void checkLease(String key, Duration timeout) {
        Duration longest = timeout.plus(config.connectTimeout());
        if (config.lease().compareTo(longest) <= 0) {
            throw new IllegalStateException("arbiter.dispatch.lease (" + config.lease() + ") must exceed " + key
                    + " plus arbiter.dispatch.connect-timeout (" + longest + ")");
        }
    }

    Optional<Destination> destinationOf(OutboxRow row) {
        if (!row.isAction()) {
            URI url = URI.create(row.callbackUrl);
            if (!callbackHostAllowed(url)) {
                return Optional.empty();
            }
            return config.callback().secret().map(secret -> new Destination(CALLBACK, url, secret,
                    config.callback().timeout().orElse(config.timeout())));
        }
        return actionDestination(row.event);
    }

    @Override
    public boolean hasResponder(String actionType) {
        return actionDestination(actionType).isPresent();
    }

    /** The responder configured for the action type, else the default one. */
    private Optional<Destination> actionDestination(String actionType) {
        Map<String, DispatchConfig.Responder> byType = config.responders();
        if (byType.containsKey(actionType)) {
            return Optional.of(destination(actionType, byType.get(actionType)));
        }
        return config.defaultResponder().map(r -> destination(DEFAULT, r));
    }

    String missingReason(OutboxRow row) {
        if (row.isAction()) {
            return "no responder is configured for " + row.event + " (arbiter.dispatch.responders.\"" + row.event
                    + "\".url) and there is no default responder";
        }
        if (!callbackHostAllowed(URI.create(row.callbackUrl))) {
            return "the callback host " + URI.create(row.callbackUrl).getHost()
                    + " is not in arbiter.dispatch.callback.allowed-hosts";
        }
        return "no callback secret is configured (arbiter.dispatch.callback.secret), so callbacks cannot be signed";
    }

    private boolean callbackHostAllowed(URI url) {
        List<String> allowed = config.callback().allowedHosts().orElse(null);
        if (allowed == null) {
            return true;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            String name = entry.trim().toLowerCase(Locale.ROOT);
            if (name.startsWith(".") ? host.endsWith(name) : host.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Destination destination(String name, DispatchConfig.Responder responder) {
        return new Destination(name, responder.url(), responder.secret(), responder.timeout().orElse(config.timeout()));
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }
}
