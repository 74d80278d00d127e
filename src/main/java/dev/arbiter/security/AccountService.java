package dev.arbiter.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;

/** Creates, lists and removes local users and API keys; every change is an audit event. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<VerifiedKeys.ApiKeyRevoked> revocations;

    AccountService(UserRepository users, ApiKeyRepository keys, AuditLog audit, Clock clock,
                   Event<VerifiedKeys.ApiKeyRevoked> revocations) {
        this.users = users;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.revocations = revocations;
    }

    /** A user as the API shows it: never the hash. */
    public record UserView(UUID id, String username, Set<String> roles, Instant createdAt, boolean disabled) {
    }

    /** A key as the API shows it: never the secret. */
    public record KeyView(UUID id, String keyId, String name, Set<String> roles, Instant createdAt, String createdBy,
                          Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    }

    /** A new key with its secret, shown once. */
    public record CreatedKey(KeyView key, String secret) {
    }

    public UserView createUser(String username, String password, Set<String> roles, Principal actor) {
        if (users.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("user-exists", "A user named " + username + " already exists");
        }
        LocalUser user = new LocalUser();
        user.id = Ids.next();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.roles = String.join(",", new TreeSet<>(roles));
        user.createdAt = clock.instant();
        users.persist(user);
        audit.append(actor, "user.created", user.id.toString(), Map.of("username", username, "roles", user.roles));
        return view(user);
    }

    public List<UserView> listUsers() {
        return users.listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(AccountService::view).toList();
    }

    /** A local user changes their own password, proving the current one. */
    public void changePassword(Principal actor, String currentPassword, String newPassword) {
        LocalUser user = "user".equals(actor.kind()) ? users.findByIdOptional(UUID.fromString(actor.id())).orElse(null) : null;
        if (user == null) {
            throw ProblemException.conflict("not-a-local-user", "Only local users have a password to change here");
        }
        if (!BcryptUtil.matches(currentPassword, user.passwordHash)) {
            throw ProblemException.invalid("$.currentPassword", "is not your current password");
        }
        user.passwordHash = BcryptUtil.bcryptHash(newPassword);
        audit.append(actor, "user.password-changed", user.id.toString(), Map.of("username", user.username));
    }

    public void deleteUser(String username, Principal actor) {
        LocalUser user = users.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No user named " + username));
        users.delete(user);
        audit.append(actor, "user.deleted", user.id.toString(), Map.of("username", username));
    }

    public CreatedKey createKey(String name, Set<String> roles, Instant expiresAt, Principal actor) {
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ProblemException.invalid("$.expiresAt", "must be in the future");
        }
        ApiKey key = new ApiKey();
        key.id = Ids.next();
        key.keyId = randomId(12);
        key.name = name;
        String secret = randomSecret();
        key.secretHash = Credentials.sha256(secret);
        key.roles = String.join(",", new TreeSet<>(roles));
        key.createdAt = clock.instant();
        key.createdBy = actor.kind() + ":" + actor.id();
        key.expiresAt = expiresAt;
        keys.persist(key);
        audit.append(actor, "api-key.created", key.id.toString(), Map.of("keyId", key.keyId, "name", name,
                "roles", key.roles, "expiresAt", expiresAt != null ? expiresAt.toString() : "never"));
        return new CreatedKey(view(key), "arb_" + key.keyId + "." + secret);
    }

    public List<KeyView> listKeys() {
        return keys.listAll(io.quarkus.panache.common.Sort.by("createdAt")).stream().map(AccountService::view).toList();
    }

    public Optional<KeyView> findKey(UUID id) {
        return keys.findByIdOptional(id).map(AccountService::view);
    }

    public KeyView revokeKey(UUID id, Principal actor) {
        ApiKey key = keys.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No API key " + id));
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
            audit.append(actor, "api-key.revoked", key.id.toString(), Map.of("keyId", key.keyId, "name", key.name));
            revocations.fire(new VerifiedKeys.ApiKeyRevoked(key.keyId));
        }
        return view(key);
    }

    /** Whether any user exists (for the bootstrap admin). */
    boolean hasUsers() {
        return users.count() > 0;
    }

    private static UserView view(LocalUser user) {
        return new UserView(user.id, user.username, Credentials.roles(user.roles), user.createdAt, user.disabled);
    }

    private static KeyView view(ApiKey key) {
        return new KeyView(key.id, key.keyId, key.name, Credentials.roles(key.roles), key.createdAt, key.createdBy,
                key.expiresAt, key.revokedAt, key.lastUsedAt);
    }

    static String randomId(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(chars);
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
