package dev.arbiter.context;

import java.util.List;

import dev.arbiter.context.asset.AssetMatch;
import dev.arbiter.context.identity.IdentityMatch;
import dev.arbiter.context.intel.IndicatorMatch;
import dev.arbiter.engine.DomainFact;
import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.engine.FileFact;
import dev.arbiter.engine.HostFact;
import dev.arbiter.engine.IpFact;
import dev.arbiter.engine.UrlFact;
import dev.arbiter.engine.UserFact;

/**
 * The facts the context found for one alert's entities, and the inventory entries they came from: the snapshot a
 * decision stores, so that replaying it later gives the same answer whatever the inventory holds by then.
 */
public record AlertContext(List<HostFact> hosts, List<UserFact> users, List<IpFact> ips, List<FileFact> files,
                           List<EntityHistoryFact> history, Sources sources, List<DomainFact> domains, List<UrlFact> urls) {

    /** Facts for an alert without domains or URLs (and snapshots stored before those were matched). */
    public AlertContext(List<HostFact> hosts, List<UserFact> users, List<IpFact> ips, List<FileFact> files,
                        List<EntityHistoryFact> history, Sources sources) {
        this(hosts, users, ips, files, history, sources, List.of(), List.of());
    }

    public AlertContext {
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        ips = List.copyOf(ips);
        files = List.copyOf(files);
        history = List.copyOf(history);
        sources = sources != null ? sources : new Sources(List.of(), List.of(), List.of());
        domains = domains != null ? List.copyOf(domains) : List.of();
        urls = urls != null ? List.copyOf(urls) : List.of();
    }

    /** Facts without recorded sources. */
    public AlertContext(List<HostFact> hosts, List<UserFact> users, List<IpFact> ips, List<FileFact> files,
                        List<EntityHistoryFact> history) {
        this(hosts, users, ips, files, history, null);
    }

    /** The inventory entries used: the asset of each known host, the identity of each known account, active indicators. */
    public record Sources(List<AssetUsed> assets, List<IdentityUsed> identities, List<IndicatorUsed> indicators) {

        public Sources {
            assets = assets != null ? List.copyOf(assets) : List.of();
            identities = identities != null ? List.copyOf(identities) : List.of();
            indicators = indicators != null ? List.copyOf(indicators) : List.of();
        }
    }

    /** The asset a host of the alert (by its label) was matched to. */
    public record AssetUsed(String host, AssetMatch asset) {
    }

    /** The identity an account of the alert was matched to. */
    public record IdentityUsed(String account, IdentityMatch identity) {
    }

    /** An active indicator listing an address, file hash, domain or URL of the alert. */
    public record IndicatorUsed(String entity, IndicatorMatch indicator) {
    }
}
