package dev.arbiter.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Local users. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<LocalUser, UUID> {

    public Optional<LocalUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
