package dev.arbiter.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Digests;
import dev.arbiter.common.Principal;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks presented passwords and API keys. Every failure looks the same to the caller; failures count towards
 * {@link Lockout}. Unknown users still cost a bcrypt comparison, so timing does not reveal which names exist.
 */
@ApplicationScoped
public class Credentials {

    /** {@code arb_<keyId>.<secret>}. */
    static final Pattern API_KEY = Pattern.compile("arb_([A-Za-z0-9]{12})\\.([A-Za-z0-9_-]{43})");
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password-anyone-has");

    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final Lockout lockout;
    private final Clock clock;
    private final VerifiedKeys verified;

    Credentials(UserRepository users, ApiKeyRepository keys, Lockout lockout, Clock clock, VerifiedKeys verified) {
        this.users = users;
        this.keys = keys;
        this.lockout = lockout;
        this.clock = clock;
        this.verified = verified;
    }

    /** An authenticated principal with its roles. */
    public record Authenticated(Principal principal, Set<String> roles) {
    }

    public Optional<Authenticated> user(String username, char[] password) {
        String subject = "user:" + username;
        if (lockout.isLocked(subject)) {
            return Optional.empty();
        }
        Optional<LocalUser> user = QuarkusTransaction.requiringNew().call(() -> users.findByUsername(username));
        String given = new String(password);
        boolean matches = BcryptUtil.matches(given, user.map(u -> u.passwordHash).orElse(DUMMY_HASH));
        if (user.isEmpty() || !matches || user.get().disabled) {
            lockout.recordFailure(subject);
            return Optional.empty();
        }
        lockout.clear(subject);
        LocalUser found = user.get();
        return Optional.of(new Authenticated(new Principal("user", found.id.toString(), found.username), roles(found.roles)));
    }

    /**
     * A local user whose password was checked earlier in this session (the console's session cookie names them): found
     * again, with the roles they hold now, unless deleted, disabled or locked since. Joins the caller's transaction
     * ({@link Sessions#resume} reads the session in the same one), or runs in one of its own.
     */
    public Optional<Authenticated> sessionUser(String username) {
        // one transaction for both look-ups, as for API keys: this runs on every console request
        return QuarkusTransaction.joiningExisting()
                .call(() -> lockout.isLockedInTransaction("user:" + username)
                        ? Optional.<LocalUser>empty() : users.findByUsername(username))
                .filter(found -> !found.disabled)
                .map(found -> new Authenticated(new Principal("user", found.id.toString(), found.username), roles(found.roles)));
    }

    /**
     * The identity of a presented API key. A key whose secret matched within the last few seconds is taken from
     * {@link VerifiedKeys} (its secret and expiry are still checked); otherwise its lock-out and record are read in one
     * transaction.
     */
    public Optional<Authenticated> apiKey(String presented) {
        Matcher matcher = API_KEY.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String keyId = matcher.group(1);
        Instant now = clock.instant();
        byte[] presentedHash = sha256(matcher.group(2)).getBytes(StandardCharsets.US_ASCII);
        Optional<VerifiedKeys.Verified> cached = verified.get(keyId);
        if (cached.isPresent() && cached.get().accepts(presentedHash, now)) {
            return Optional.of(accepted(cached.get(), now, false));
        }
        // a mismatch or an expiry is a failure like any other: from here on the database, and its lock-out, decide
        cached.ifPresent(stale -> verified.forget(keyId));
        String subject = "key:" + keyId;
        // one transaction (and connection) for both look-ups
        KeyLookup lookup = QuarkusTransaction.requiringNew().call(() -> lockout.isLockedInTransaction(subject)
                ? KeyLookup.LOCKED : new KeyLookup(false, keys.findByKeyId(keyId)));
        if (lookup.locked()) {
            return Optional.empty();
        }
        // the same check as for a cached key; a revoked key is never taken as verified
        Optional<VerifiedKeys.Verified> key = lookup.key().filter(k -> k.revokedAt == null).map(VerifiedKeys.Verified::of);
        if (key.isEmpty() || !key.get().accepts(presentedHash, now)) {
            lockout.recordFailure(subject);
            return Optional.empty();
        }
        return Optional.of(accepted(key.get(), now, true));
    }

    /**
     * The key's identity; records its use at most once a minute. Only a key just read from the database is remembered:
     * the cache's entry must not outlive its 5 s however often the key is used, or it would never be read again.
     */
    private Authenticated accepted(VerifiedKeys.Verified key, Instant now, boolean fromDatabase) {
        boolean touch = key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minusSeconds(60));
        if (touch) {
            // touch() writes at most once a minute anyway; skipping its transaction saves a round trip per request
            QuarkusTransaction.requiringNew().run(() -> keys.touch(key.id(), now));
        }
        if (fromDatabase) {
            verified.remember(touch ? key.usedAt(now) : key);
        } else if (touch) {
            verified.forget(key.keyId()); // read again with its new last use, rather than touched on every request
        }
        return new Authenticated(new Principal("api-key", key.keyId(), key.name()), key.roles());
    }

    private record KeyLookup(boolean locked, Optional<ApiKey> key) {
        static final KeyLookup LOCKED = new KeyLookup(true, Optional.empty());
    }

    static Set<String> roles(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static String sha256(String secret) {
        return Digests.sha256Hex(secret);
    }
}
