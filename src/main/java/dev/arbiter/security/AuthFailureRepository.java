package dev.arbiter.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Failed-attempt counters by subject. */
@ApplicationScoped
public class AuthFailureRepository implements PanacheRepositoryBase<AuthFailure, String> {
}
