package dev.arbiter.context;

import java.util.List;

import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.engine.FileFact;
import dev.arbiter.engine.HostFact;
import dev.arbiter.engine.IpFact;
import dev.arbiter.engine.UserFact;

/** The facts the context found for one alert's entities: the snapshot a decision stores and a replay reuses. */
public record AlertContext(List<HostFact> hosts, List<UserFact> users, List<IpFact> ips, List<FileFact> files,
                           List<EntityHistoryFact> history) {

    public AlertContext {
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        ips = List.copyOf(ips);
        files = List.copyOf(files);
        history = List.copyOf(history);
    }
}
