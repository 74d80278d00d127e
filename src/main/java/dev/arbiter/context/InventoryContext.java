package dev.arbiter.context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Domains;
import dev.arbiter.context.asset.AssetLookup;
import dev.arbiter.context.asset.AssetMatch;
import dev.arbiter.context.identity.IdentityLookup;
import dev.arbiter.context.identity.IdentityMatch;
import dev.arbiter.context.intel.IndicatorLookup;
import dev.arbiter.context.intel.IndicatorMatch;
import dev.arbiter.context.intel.Urls;
import dev.arbiter.engine.DomainFact;
import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.engine.FileFact;
import dev.arbiter.engine.HostFact;
import dev.arbiter.engine.IpFact;
import dev.arbiter.engine.UrlFact;
import dev.arbiter.engine.UserFact;
import dev.arbiter.intake.Alert;
import dev.arbiter.intake.IpAddresses;

/**
 * Context from the inventory: a host is matched to an asset by host name (case-insensitive), else by IP (exact
 * address, else the narrowest CIDR block); an account to an identity by name (case-insensitive); addresses, file
 * hashes (SHA-256 or MD5), URLs and domain names (the name or any parent of it, and the host of each URL) to the
 * indicators that list them and have not expired at the decision time. A host or account the
 * inventory does not know is reported unknown, which rules and tables treat fail-safe. Look-ups are cached.
 */
@ApplicationScoped
public class InventoryContext implements ContextProvider {

    private final AssetLookup assets;
    private final IdentityLookup identities;
    private final IndicatorLookup indicators;
    private final EntityHistory history;

    InventoryContext(AssetLookup assets, IdentityLookup identities, IndicatorLookup indicators, EntityHistory history) {
        this.assets = assets;
        this.identities = identities;
        this.indicators = indicators;
        this.history = history;
    }

    @Override
    public AlertContext contextFor(Alert alert, Instant decisionTime) {
        Alert.Entities entities = alert.entitiesOrEmpty();
        List<AlertContext.AssetUsed> assetsUsed = new ArrayList<>();
        List<AlertContext.IdentityUsed> identitiesUsed = new ArrayList<>();
        List<AlertContext.IndicatorUsed> indicatorsUsed = new ArrayList<>();

        List<HostFact> hosts = new ArrayList<>();
        for (Alert.Host host : entities.hostsOrEmpty()) {
            Optional<AssetMatch> asset = host.hostname() != null ? assets.byHostname(host.hostname()) : Optional.empty();
            if (asset.isEmpty() && host.ip() != null) {
                asset = assets.byAddress(host.ip());
            }
            if (asset.isPresent()) {
                AssetMatch a = asset.get();
                hosts.add(new HostFact(host.hostname(), host.ip(), a.criticality(), a.environment(), orUnknown(a.exposure()),
                        true, orUnknown(a.missionImpact()), orUnknown(a.safetyImpact())));
                assetsUsed.add(new AlertContext.AssetUsed(host.hostname() != null ? host.hostname() : host.ip(), a));
            } else {
                hosts.add(new HostFact(host.hostname(), host.ip(), Vocabulary.UNKNOWN, Vocabulary.UNKNOWN, Vocabulary.UNKNOWN, false));
            }
        }
        List<UserFact> users = new ArrayList<>();
        for (Alert.User user : entities.usersOrEmpty()) {
            Optional<IdentityMatch> identity = identities.byAccount(user.name());
            users.add(identity.map(i -> new UserFact(user.name(), i.privileged(), i.serviceAccount(), i.vip(), true))
                    .orElseGet(() -> new UserFact(user.name(), false, false, false, false)));
            identity.ifPresent(i -> identitiesUsed.add(new AlertContext.IdentityUsed(user.name(), i)));
        }
        List<IpFact> ips = new ArrayList<>();
        for (Alert.Ip ip : entities.ipsOrEmpty()) {
            List<IndicatorMatch> active = active(indicators.byAddress(ip.address()), decisionTime);
            active.forEach(m -> indicatorsUsed.add(new AlertContext.IndicatorUsed(ip.address(), m)));
            ips.add(new IpFact(ip.address(), ip.directionOrUnknown().wireName(), IpAddresses.isExternal(ip.address()),
                    active.isEmpty() ? null : active.get(0).source()));
        }
        List<FileFact> files = new ArrayList<>();
        for (Alert.File file : entities.filesOrEmpty()) {
            String sha256 = lowerOrNull(file.sha256());
            String md5 = lowerOrNull(file.md5());
            List<IndicatorMatch> active = new ArrayList<>();
            if (sha256 != null) {
                active.addAll(indicators.byValue("sha256", sha256));
            }
            if (md5 != null) {
                active.addAll(indicators.byValue("md5", md5));
            }
            active = active(active, decisionTime);
            String label = sha256 != null ? sha256 : md5;
            active.forEach(m -> indicatorsUsed.add(new AlertContext.IndicatorUsed(label, m)));
            files.add(new FileFact(sha256, active.isEmpty() ? null : active.get(0).source(), md5));
        }
        List<UrlFact> urls = new ArrayList<>();
        Set<String> domainNames = new LinkedHashSet<>();
        for (String domain : entities.domainsOrEmpty()) {
            domainNames.add(Domains.canonical(domain));
        }
        for (String url : entities.urlsOrEmpty()) {
            String canonical = Urls.canonical(url);
            List<IndicatorMatch> active = active(indicators.byValue("url", canonical), decisionTime);
            active.forEach(m -> indicatorsUsed.add(new AlertContext.IndicatorUsed(canonical, m)));
            urls.add(new UrlFact(canonical, active.isEmpty() ? null : active.get(0).source()));
            Urls.domain(canonical).ifPresent(domainNames::add);
        }
        List<DomainFact> domains = new ArrayList<>();
        for (String name : domainNames) {
            domains.add(domain(name, decisionTime, indicatorsUsed));
        }
        return new AlertContext(hosts, users, ips, files, history(hosts, users, decisionTime),
                new AlertContext.Sources(assetsUsed, identitiesUsed, indicatorsUsed), domains, urls);
    }

    /** A domain is listed when it or any parent domain is: a feed listing evil.example means every name under it. */
    private DomainFact domain(String name, Instant decisionTime, List<AlertContext.IndicatorUsed> indicatorsUsed) {
        for (String candidate = name; candidate != null; candidate = parent(candidate)) {
            List<IndicatorMatch> active = active(indicators.byValue("domain", candidate), decisionTime);
            if (!active.isEmpty()) {
                active.forEach(m -> indicatorsUsed.add(new AlertContext.IndicatorUsed(name, m)));
                return new DomainFact(name, active.get(0).source(), candidate);
            }
        }
        return new DomainFact(name, null, null);
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot >= 0 && dot < domain.length() - 1 ? domain.substring(dot + 1) : null;
    }

    private static String lowerOrNull(String value) {
        return value != null ? value.toLowerCase(Locale.ROOT) : null;
    }

    private static List<IndicatorMatch> active(List<IndicatorMatch> matches, Instant decisionTime) {
        return matches.stream().filter(m -> m.activeAt(decisionTime)).sorted(IndicatorMatch.BEST_FIRST).toList();
    }

    private List<EntityHistoryFact> history(List<HostFact> hosts, List<UserFact> users, Instant decisionTime) {
        List<EntityHistory.Entity> entities = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (HostFact host : hosts) {
            if (seen.add("host|" + host.label().toLowerCase(Locale.ROOT))) {
                entities.add(new EntityHistory.Entity("host", host.label()));
            }
        }
        for (UserFact user : users) {
            if (seen.add("user|" + user.name().toLowerCase(Locale.ROOT))) {
                entities.add(new EntityHistory.Entity("user", user.name()));
            }
        }
        return history.of(entities, decisionTime);
    }

    private static String orUnknown(String value) {
        return value != null ? value : Vocabulary.UNKNOWN;
    }
}
