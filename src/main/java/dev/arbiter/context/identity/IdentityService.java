package dev.arbiter.context.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import dev.arbiter.context.ImportErrors;
import dev.arbiter.context.ImportResult;
import dev.arbiter.context.InventoryChanged;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.InventoryReader.Row;

/**
 * Creates, replaces, deletes and bulk-imports identities. Every change appends its audit event in the same
 * transaction and drops the identity cache after commit. An account name belongs to one identity.
 */
@ApplicationScoped
@Transactional
public class IdentityService {

    static final String CREATED = "identity.created";
    static final String UPDATED = "identity.updated";
    static final String DELETED = "identity.deleted";
    static final String IMPORTED = "identity.imported";
    private static final int CHUNK = 500;
    /** An import of tens of thousands of rows may take longer than the default transaction timeout. */
    private static final int IMPORT_TIMEOUT_SECONDS = 600;

    private final IdentityRepository identities;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<InventoryChanged> changed;

    IdentityService(IdentityRepository identities, AuditLog audit, Clock clock, Event<InventoryChanged> changed) {
        this.identities = identities;
        this.audit = audit;
        this.clock = clock;
        this.changed = changed;
    }

    /** The outcome of a write: the identity, and whether it was new. */
    public record Saved(IdentityView identity, boolean created) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IdentityView> find(String id) {
        return identities.findByIdOptional(id).map(IdentityView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IdentityView.Page list(String after, int limit) {
        List<Identity> page = identities.page(after, limit + 1);
        boolean more = page.size() > limit;
        List<Identity> items = more ? page.subList(0, limit) : page;
        return new IdentityView.Page(items.stream().map(IdentityView::of).toList(), more ? items.get(items.size() - 1).id : null);
    }

    /** A new identity; 409 when the id or the account name is taken. */
    public IdentityView create(IdentityData data, Principal principal) {
        if (data.id() == null) {
            throw ProblemException.invalid("$.id", "must not be null");
        }
        if (identities.findByIdOptional(data.id()).isPresent()) {
            throw ProblemException.conflict("identity-exists", "Identity " + data.id() + " exists; replace it with PUT /api/v1/identities/" + data.id());
        }
        requireFreeAccount(data);
        Identity identity = new Identity();
        identity.id = data.id();
        identity.createdAt = clock.instant();
        apply(identity, data);
        identities.persist(identity);
        audit.append(principal, CREATED, subject(identity.id), payload(identity));
        changed.fire(InventoryChanged.IDENTITIES);
        return IdentityView.of(identity);
    }

    /** Creates or replaces the identity with this id. */
    public Saved replace(String id, IdentityData data, Principal principal) {
        if (data.id() != null && !data.id().equals(id)) {
            throw ProblemException.invalid("$.id", "must match the id in the path (" + id + ") or be left out");
        }
        IdentityData withId = data.withId(id);
        requireFreeAccount(withId);
        Optional<Identity> existing = identities.findByIdOptional(id);
        Identity identity = existing.orElseGet(() -> {
            Identity fresh = new Identity();
            fresh.id = id;
            fresh.createdAt = clock.instant();
            return fresh;
        });
        apply(identity, withId);
        if (existing.isEmpty()) {
            identities.persist(identity);
        }
        audit.append(principal, existing.isPresent() ? UPDATED : CREATED, subject(id), payload(identity));
        changed.fire(InventoryChanged.IDENTITIES);
        return new Saved(IdentityView.of(identity), existing.isEmpty());
    }

    public void delete(String id, Principal principal) {
        Identity identity = identities.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No identity with id " + id));
        Map<String, Object> before = payload(identity);
        identities.delete(identity);
        audit.append(principal, DELETED, subject(id), before);
        changed.fire(InventoryChanged.IDENTITIES);
    }

    /**
     * Creates or replaces every row's identity, all or nothing: any invalid row, id or account name given twice, or
     * account name held by an identity outside the import refuses the whole import with every error by row.
     */
    @TransactionConfiguration(timeout = IMPORT_TIMEOUT_SECONDS)
    public ImportResult importRows(List<Row<IdentityData>> rows, ImportErrors errors, byte[] body, String format, Principal principal) {
        Map<String, Integer> idRows = new HashMap<>();
        Map<String, Integer> accountRows = new HashMap<>();
        for (Row<IdentityData> row : rows) {
            IdentityData data = row.value();
            if (data.id() == null) {
                errors.add(row.number(), "id", "must not be null");
                continue;
            }
            Integer earlier = idRows.putIfAbsent(data.id(), row.number());
            if (earlier != null) {
                errors.add(row.number(), "id", data.id() + " is also on row " + earlier);
            }
            Integer other = data.accountName() != null ? accountRows.putIfAbsent(key(data.accountName()), row.number()) : null;
            if (other != null) {
                errors.add(row.number(), "accountName", data.accountName() + " is also on row " + other);
            }
        }
        List<String> keys = new ArrayList<>(accountRows.keySet());
        for (int i = 0; i < keys.size(); i += CHUNK) {
            for (Identity holder : identities.byAccountKeys(keys.subList(i, Math.min(keys.size(), i + CHUNK)))) {
                if (!idRows.containsKey(holder.id)) {
                    errors.add(accountRows.get(holder.accountKey), "accountName", holder.accountName + " belongs to identity " + holder.id);
                }
            }
        }
        errors.throwIfAny();

        List<String> ids = new ArrayList<>(idRows.keySet());
        Map<String, Identity> existing = new HashMap<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            identities.list("id in ?1", ids.subList(i, Math.min(ids.size(), i + CHUNK))).forEach(x -> existing.put(x.id, x));
        }
        // Account names may move between identities of this import: park them on unique placeholders first. A key
        // is always lower case, so an upper-case placeholder cannot clash with a real one.
        existing.values().forEach(x -> x.accountKey = "MOVING:" + x.id);
        identities.flush();
        Instant now = clock.instant();
        int created = 0;
        for (Row<IdentityData> row : rows) {
            Identity identity = existing.get(row.value().id());
            if (identity == null) {
                identity = new Identity();
                identity.id = row.value().id();
                identity.createdAt = now;
                apply(identity, row.value());
                identities.persist(identity);
                created++;
            } else {
                apply(identity, row.value());
            }
        }
        identities.flush();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", format);
        payload.put("sha256", InventoryReader.digest(body));
        payload.put("rows", rows.size());
        payload.put("created", created);
        payload.put("updated", rows.size() - created);
        payload.put("ids", ids);
        audit.append(principal, IMPORTED, "identities", payload);
        changed.fire(InventoryChanged.IDENTITIES);
        return new ImportResult(rows.size(), created, rows.size() - created, List.of());
    }

    private void apply(Identity identity, IdentityData data) {
        identity.accountName = data.accountName();
        identity.accountKey = key(data.accountName());
        identity.privileged = data.isPrivileged();
        identity.serviceAccount = data.isServiceAccount();
        identity.vip = data.isVip();
        identity.department = data.department();
        identity.updatedAt = clock.instant();
    }

    private void requireFreeAccount(IdentityData data) {
        identities.byAccountKey(key(data.accountName())).filter(holder -> !holder.id.equals(data.id())).ifPresent(holder -> {
            throw new ProblemException(Problem.of(409, "account-taken", "Conflict",
                    "Account " + holder.accountName + " belongs to identity " + holder.id)
                    .withErrors(List.of(new Problem.FieldError("$.accountName", "belongs to identity " + holder.id))));
        });
    }

    private static String key(String accountName) {
        return accountName.toLowerCase(Locale.ROOT);
    }

    private static String subject(String id) {
        return "identity:" + id;
    }

    private static Map<String, Object> payload(Identity identity) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", identity.id);
        payload.put("accountName", identity.accountName);
        payload.put("privileged", identity.privileged);
        payload.put("serviceAccount", identity.serviceAccount);
        payload.put("vip", identity.vip);
        payload.put("department", identity.department);
        return payload;
    }
}
