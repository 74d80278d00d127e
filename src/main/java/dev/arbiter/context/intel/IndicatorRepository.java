package dev.arbiter.context.intel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.context.Network;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored indicators. */
@ApplicationScoped
class IndicatorRepository implements PanacheRepositoryBase<Indicator, UUID> {

    Optional<Indicator> byKey(String type, String value, String source) {
        return find("type = ?1 and value = ?2 and source = ?3", type, value, source).firstResultOptional();
    }

    /** Address and block indicators that hold the address, expired ones included. */
    List<Indicator> holding(Network address) {
        return list("family = ?1 and firstAddress <= ?2 and lastAddress >= ?2", address.family(),
                new BigDecimal(address.first()));
    }

    List<Indicator> byValue(String type, String value) {
        return list("type = ?1 and value = ?2", type, value);
    }

    List<Indicator> page(String type, String value, String source, UUID after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (type != null) {
            query.append(" and type = :type");
            params.put("type", type);
        }
        if (value != null) {
            query.append(" and value = :value");
            params.put("value", value);
        }
        if (source != null) {
            query.append(" and source = :source");
            params.put("source", source);
        }
        if (after != null) {
            query.append(" and id > :after");
            params.put("after", after);
        }
        return find(query + " order by id", params).page(0, limit).list();
    }
}
