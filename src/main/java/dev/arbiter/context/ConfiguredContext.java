package dev.arbiter.context;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.engine.FileFact;
import dev.arbiter.engine.HostFact;
import dev.arbiter.engine.IpFact;
import dev.arbiter.engine.UserFact;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.AlertRepository;
import dev.arbiter.intake.IpAddresses;
import io.quarkus.arc.DefaultBean;

/**
 * Context from configuration ({@code arbiter.context.*}) plus entity history from stored alerts. A host or account
 * the configuration does not list is reported unknown, which rules and tables treat fail-safe.
 */
@DefaultBean
@ApplicationScoped
public class ConfiguredContext implements ContextProvider {

    private final Map<String, ContextConfig.Asset> assets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, ContextConfig.Identity> identities = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> indicators = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Duration historyWindow;
    private final int historyWindowHours;
    private final AlertRepository alerts;

    ConfiguredContext(ContextConfig config, AlertRepository alerts) {
        this.assets.putAll(config.assets());
        this.identities.putAll(config.identities());
        this.indicators.putAll(config.indicators());
        this.historyWindowHours = config.historyWindowHours();
        this.historyWindow = Duration.ofHours(historyWindowHours);
        this.alerts = alerts;
    }

    @Override
    public AlertContext contextFor(Alert alert, Instant decisionTime) {
        Alert.Entities entities = alert.entitiesOrEmpty();
        List<HostFact> hosts = new ArrayList<>();
        for (Alert.Host host : entities.hostsOrEmpty()) {
            ContextConfig.Asset asset = host.hostname() != null ? assets.get(host.hostname()) : null;
            hosts.add(asset != null
                    ? new HostFact(host.hostname(), host.ip(), asset.criticality(), asset.environment(), asset.exposure(), true)
                    : new HostFact(host.hostname(), host.ip(), "unknown", "unknown", "unknown", false));
        }
        List<UserFact> users = new ArrayList<>();
        for (Alert.User user : entities.usersOrEmpty()) {
            ContextConfig.Identity identity = identities.get(user.name());
            users.add(identity != null
                    ? new UserFact(user.name(), identity.privileged(), identity.serviceAccount(), identity.vip(), true)
                    : new UserFact(user.name(), false, false, false, false));
        }
        List<IpFact> ips = new ArrayList<>();
        for (Alert.Ip ip : entities.ipsOrEmpty()) {
            ips.add(new IpFact(ip.address(), ip.directionOrUnknown().wireName(), IpAddresses.isExternal(ip.address()),
                    indicators.get(ip.address())));
        }
        List<FileFact> files = new ArrayList<>();
        for (Alert.File file : entities.filesOrEmpty()) {
            String sha256 = file.sha256().toLowerCase(Locale.ROOT);
            files.add(new FileFact(sha256, indicators.get(sha256)));
        }
        return new AlertContext(hosts, users, ips, files, history(hosts, users, decisionTime));
    }

    private List<EntityHistoryFact> history(List<HostFact> hosts, List<UserFact> users, Instant decisionTime) {
        Instant since = decisionTime.minus(historyWindow);
        List<EntityHistoryFact> history = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (HostFact host : hosts) {
            String name = host.label();
            if (seen.add("host|" + name.toLowerCase(Locale.ROOT))) {
                history.add(new EntityHistoryFact("host", name, (int) alerts.countSubject("host", name, since), historyWindowHours));
            }
        }
        for (UserFact user : users) {
            if (seen.add("user|" + user.name().toLowerCase(Locale.ROOT))) {
                history.add(new EntityHistoryFact("user", user.name(), (int) alerts.countSubject("user", user.name(), since), historyWindowHours));
            }
        }
        return history;
    }
}
