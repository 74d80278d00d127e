package dev.arbiter.context.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored identities. */
@ApplicationScoped
class IdentityRepository implements PanacheRepositoryBase<Identity, String> {

    Optional<Identity> byAccountKey(String accountKey) {
        return find("accountKey", accountKey).firstResultOptional();
    }

    List<Identity> byAccountKeys(Collection<String> keys) {
        return keys.isEmpty() ? List.of() : list("accountKey in ?1", keys);
    }

    List<Identity> page(String after, int limit) {
        return after == null ? find("order by id").page(0, limit).list()
                : find("id > ?1 order by id", after).page(0, limit).list();
    }
}
