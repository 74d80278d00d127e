package dev.arbiter.security;

import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs test bearer tokens as the test identity provider would (issuer, audience and role claim of the test profile). */
public final class Tokens {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "arbiter";

    private Tokens() {
    }

    public static String withRoles(String subject, String... roles) {
        return claims(subject, roles).sign();
    }

    static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject + "@example.test")
                .claim("arbiter_roles", Set.of(roles))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
    }
}
