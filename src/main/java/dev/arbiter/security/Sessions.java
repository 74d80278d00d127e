package dev.arbiter.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Digests;
import dev.arbiter.common.Principal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The console's server-side sessions. The form mechanism's encrypted cookie carries a random handle; the database keeps
 * a SHA-256 of it, so every request costs one primary-key look-up and signing out ends the session on every replica at
 * once (no cache: a copied cookie stops working the moment sign-out commits). Local users start a session by the login
 * form; people from the identity provider by a one-time hand-off after the authorization code flow, whose handle the
 * browser posts to the same form endpoint.
 */
@ApplicationScoped
public class Sessions {

    /** The user name the hand-off form posts; its password field is the pending session's handle. */
    public static final String HANDOFF_USER = "arbiter:idp-handoff";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleSessionRepository sessions;
    private final Credentials credentials;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration handoff;
    private final TeamRoles teamRoles;

    Sessions(ConsoleSessionRepository sessions, Credentials credentials, Clock clock, SecurityConfig config,
             TeamRoles teamRoles) {
        this.teamRoles = teamRoles;
        this.sessions = sessions;
        this.credentials = credentials;
        this.clock = clock;
        this.maxAge = config.session().maxAge();
        this.handoff = config.session().handoff();
    }

    /** A local user whose password was just checked by the login form: a new session, whose handle names it. */
    SecurityIdentity startLocal(Credentials.Authenticated user) {
        String handle = store(user.principal(), null, null, null);
        return Identities.ofSession(handle, user);
    }

    /**
     * A person the identity provider vouched for: a pending session that the browser completes within the hand-off time
     * by posting the returned handle to the login form endpoint (as the password of {@link #HANDOFF_USER}).
     *
     * @param endSessionUri the provider's end-session endpoint, when it has one
     */
    public String startFromIdentityProvider(Principal principal, Set<String> roles, Optional<String> endSessionUri) {
        Set<String> known = roles.stream().filter(teamRoles::isKnown).collect(Collectors.toSet());
        return store(principal, String.join(",", known), endSessionUri.orElse(null), clock.instant().plus(handoff));
    }

    /** The hand-off post: the pending session's identity, once; empty when unknown, expired or already used. */
    Optional<SecurityIdentity> completeHandoff(String handle) {
        String id = Digests.sha256Hex(handle);
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!sessions.completeHandoff(id, now)) {
                return Optional.<SecurityIdentity>empty();
            }
            ConsoleSession session = sessions.findById(id);
            return Optional.of(Identities.ofSession(handle, fromIdentityProvider(session)));
        });
    }

    /**
     * The person behind a session cookie's handle, with the roles they hold now (local users) or were given at sign-in
     * (identity provider); empty when the session was signed out, is older than the maximum age, or is unknown.
     */
    Optional<SecurityIdentity> resume(String handle) {
        Instant now = clock.instant();
        // the session and a local user's record in one transaction (one connection): this runs on every console request
        return QuarkusTransaction.requiringNew().call(() -> sessions.findByIdOptional(Digests.sha256Hex(handle))
                .filter(s -> s.revokedAt == null && s.handoffUntil == null && s.createdAt.isAfter(now.minus(maxAge)))
                .flatMap(session -> session.roles == null
                        ? credentials.sessionUser(session.principalName)
                        : Optional.of(fromIdentityProvider(session))))
                .map(authenticated -> Identities.ofSession(handle, authenticated));
    }

    /**
     * Signs out the session the identity came from: its cookie no longer works anywhere, even if copied.
     *
     * @return where to send the browser to sign out at the identity provider too, if the session came from there
     */
    public Optional<String> signOut(SecurityIdentity identity) {
        String handle = identity.getAttribute(Identities.SESSION);
        if (handle == null) {
            return Optional.empty();
        }
        String id = Digests.sha256Hex(handle);
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            sessions.revoke(id, now);
            return sessions.findByIdOptional(id).map(s -> s.endSessionUri);
        });
    }

    private String store(Principal principal, String roles, String endSessionUri, Instant handoffUntil) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        ConsoleSession session = new ConsoleSession();
        session.id = Digests.sha256Hex(handle);
        session.principalKind = principal.kind();
        session.principalId = principal.id();
        session.principalName = principal.name();
        session.roles = roles;
        session.endSessionUri = endSessionUri;
        session.createdAt = now;
        session.handoffUntil = handoffUntil;
        QuarkusTransaction.requiringNew().run(() -> {
            sessions.purgeCreatedBefore(now.minus(maxAge));
            sessions.persist(session);
        });
        return handle;
    }

    private static Credentials.Authenticated fromIdentityProvider(ConsoleSession session) {
        return new Credentials.Authenticated(new Principal(session.principalKind, session.principalId, session.principalName),
                Credentials.roles(session.roles));
    }
}
