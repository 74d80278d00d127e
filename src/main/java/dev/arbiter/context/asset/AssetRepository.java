package dev.arbiter.context.asset;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.Network;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored assets, and the look-ups that match an alert's host to one. */
@ApplicationScoped
class AssetRepository implements PanacheRepositoryBase<Asset, String> {

    Optional<Asset> byHostname(String hostname) {
        return find("select a from Asset a join a.hostnames h where h = ?1", hostname).firstResultOptional();
    }

    /** The asset whose address or block holds the address, the most specific block first, ties by asset id. */
    Optional<Object[]> byAddress(Network address) {
        BigDecimal value = new BigDecimal(address.first());
        List<Object[]> rows = getEntityManager().createQuery(
                        "select a, n.text, n.prefixLength from Asset a join a.networks n where n.family = :family "
                                + "and n.firstAddress <= :address and n.lastAddress >= :address "
                                + "order by n.prefixLength desc, a.id", Object[].class)
                .setParameter("family", address.family())
                .setParameter("address", value)
                .setMaxResults(1)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** Host names among {@code hostnames} that belong to assets other than {@code except}: name, asset id. */
    List<Object[]> hostnameOwners(Collection<String> hostnames) {
        if (hostnames.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery(
                        "select h, a.id from Asset a join a.hostnames h where h in :names", Object[].class)
                .setParameter("names", hostnames)
                .getResultList();
    }

    List<Asset> page(String after, int limit) {
        return after == null ? find("order by id").page(0, limit).list()
                : find("id > ?1 order by id", after).page(0, limit).list();
    }
}
