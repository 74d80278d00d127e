package dev.arbiter.context.asset;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import dev.arbiter.context.Network;

/**
 * Creates, replaces, deletes and bulk-imports assets. Every change appends its audit event in the same transaction
 * and drops the asset cache after commit. A host name belongs to one asset.
 */
@ApplicationScoped
@Transactional
public class AssetService {

    static final String CREATED = "asset.created";
    static final String UPDATED = "asset.updated";
    static final String DELETED = "asset.deleted";
    static final String IMPORTED = "asset.imported";
    private static final int CHUNK = 500;
    /** An import of tens of thousands of rows may take longer than the default transaction timeout. */
    private static final int IMPORT_TIMEOUT_SECONDS = 600;

    private final AssetRepository assets;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<InventoryChanged> changed;

    AssetService(AssetRepository assets, AuditLog audit, Clock clock, Event<InventoryChanged> changed) {
        this.assets = assets;
        this.audit = audit;
        this.clock = clock;
        this.changed = changed;
    }

    /** The outcome of a write: the asset, and whether it was new. */
    public record Saved(AssetView asset, boolean created) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AssetView> find(String id) {
        return assets.findByIdOptional(id).map(AssetView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AssetView.Page list(String after, int limit) {
        List<Asset> page = assets.page(after, limit + 1);
        boolean more = page.size() > limit;
        List<Asset> items = more ? page.subList(0, limit) : page;
        return new AssetView.Page(items.stream().map(AssetView::of).toList(), more ? items.get(items.size() - 1).id : null);
    }

    /** A new asset; 409 when the id or one of its host names is taken. */
    public AssetView create(AssetData data, Principal principal) {
        requireIdentifiable(data);
        if (data.id() == null) {
            throw ProblemException.invalid("id", "must not be null");
        }
        if (assets.findByIdOptional(data.id()).isPresent()) {
            throw ProblemException.conflict("asset-exists", "Asset " + data.id() + " exists; replace it with PUT /api/v1/assets/" + data.id());
        }
        requireFreeHostnames(data);
        Asset asset = new Asset();
        asset.id = data.id();
        asset.createdAt = clock.instant();
        apply(asset, data);
        assets.persist(asset);
        audit.append(principal, CREATED, subject(asset.id), payload(asset));
        changed.fire(InventoryChanged.ASSETS);
        return AssetView.of(asset);
    }

    /** Creates or replaces the asset with this id. */
    public Saved replace(String id, AssetData data, Principal principal) {
        if (data.id() != null && !data.id().equals(id)) {
            throw ProblemException.invalid("$.id", "must match the id in the path (" + id + ") or be left out");
        }
        AssetData withId = data.withId(id);
        requireIdentifiable(withId);
        requireFreeHostnames(withId);
        Optional<Asset> existing = assets.findByIdOptional(id);
        Asset asset = existing.orElseGet(() -> {
            Asset fresh = new Asset();
            fresh.id = id;
            fresh.createdAt = clock.instant();
            return fresh;
        });
        apply(asset, withId);
        if (existing.isEmpty()) {
            assets.persist(asset);
        }
        audit.append(principal, existing.isPresent() ? UPDATED : CREATED, subject(id), payload(asset));
        changed.fire(InventoryChanged.ASSETS);
        return new Saved(AssetView.of(asset), existing.isEmpty());
    }

    public void delete(String id, Principal principal) {
        Asset asset = assets.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No asset with id " + id));
        Map<String, Object> before = payload(asset);
        assets.delete(asset);
        audit.append(principal, DELETED, subject(id), before);
        changed.fire(InventoryChanged.ASSETS);
    }

    /**
     * Creates or replaces every row's asset, all or nothing: any invalid row, id given twice, or host name given
     * twice or held by an asset outside the import refuses the whole import with every error by row.
     */
    @TransactionConfiguration(timeout = IMPORT_TIMEOUT_SECONDS)
    public ImportResult importRows(List<Row<AssetData>> rows, ImportErrors errors, byte[] body, String format, Principal principal) {
        Map<String, Integer> idRows = new HashMap<>();
        Map<String, Integer> hostnameRows = new HashMap<>();
        for (Row<AssetData> row : rows) {
            AssetData data = row.value();
            if (data.id() == null) {
                errors.add(row.number(), "id", "must not be null");
                continue;
            }
            if (data.hostnames().isEmpty() && data.addresses().isEmpty()) {
                errors.add(row.number(), "hostnames", "an asset needs at least one host name or address");
            }
            Integer earlier = idRows.putIfAbsent(data.id(), row.number());
            if (earlier != null) {
                errors.add(row.number(), "id", data.id() + " is also on row " + earlier);
            }
            for (String hostname : data.hostnames()) {
                if (hostname == null) {
                    continue;
                }
                Integer other = hostnameRows.putIfAbsent(hostname.toLowerCase(Locale.ROOT), row.number());
                if (other != null && other != row.number()) {
                    errors.add(row.number(), "hostnames", hostname + " is also on row " + other);
                }
            }
        }
        List<String> names = new ArrayList<>(hostnameRows.keySet());
        for (int i = 0; i < names.size(); i += CHUNK) {
            for (Object[] owner : assets.hostnameOwners(names.subList(i, Math.min(names.size(), i + CHUNK)))) {
                String hostname = (String) owner[0];
                String assetId = (String) owner[1];
                if (!idRows.containsKey(assetId)) {
                    errors.add(hostnameRows.get(hostname), "hostnames", hostname + " belongs to asset " + assetId);
                }
            }
        }
        errors.throwIfAny();

        List<String> ids = new ArrayList<>(idRows.keySet());
        Map<String, Asset> existing = new HashMap<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            assets.list("id in ?1", ids.subList(i, Math.min(ids.size(), i + CHUNK))).forEach(a -> existing.put(a.id, a));
        }
        // Host names may move between assets of this import: clear the changing sets first, so no unique key clashes
        // midway. An unchanged set keeps its names, and no other row may claim them (checked above).
        for (Row<AssetData> row : rows) {
            Asset asset = existing.get(row.value().id());
            if (asset != null && !asset.hostnames.equals(lowerCase(row.value().hostnames()))) {
                asset.hostnames.clear();
            }
        }
        assets.flush();
        Instant now = clock.instant();
        int created = 0;
        for (Row<AssetData> row : rows) {
            Asset asset = existing.get(row.value().id());
            if (asset == null) {
                asset = new Asset();
                asset.id = row.value().id();
                asset.createdAt = now;
                apply(asset, row.value());
                assets.persist(asset);
                created++;
            } else {
                apply(asset, row.value());
            }
        }
        assets.flush();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", format);
        payload.put("sha256", InventoryReader.digest(body));
        payload.put("rows", rows.size());
        payload.put("created", created);
        payload.put("updated", rows.size() - created);
        payload.put("ids", ids);
        audit.append(principal, IMPORTED, "assets", payload);
        changed.fire(InventoryChanged.ASSETS);
        return new ImportResult(rows.size(), created, rows.size() - created, List.of());
    }

    private void apply(Asset asset, AssetData data) {
        asset.criticality = data.criticality();
        asset.environment = data.environment();
        asset.exposure = data.exposure();
        asset.ownerTeam = data.ownerTeam();
        asset.missionImpact = data.missionImpact();
        asset.safetyImpact = data.safetyImpact();
        asset.updatedAt = clock.instant();
        Set<String> hostnames = lowerCase(data.hostnames());
        asset.hostnames.retainAll(hostnames);
        asset.hostnames.addAll(hostnames);
        Set<Asset.Network> networks = new LinkedHashSet<>();
        data.addresses().forEach(a -> networks.add(Asset.Network.of(Network.parse(a).network())));
        asset.networks.retainAll(networks);
        asset.networks.addAll(networks);
    }

    private static Set<String> lowerCase(List<String> hostnames) {
        Set<String> lower = new LinkedHashSet<>();
        hostnames.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static void requireIdentifiable(AssetData data) {
        if (data.hostnames().isEmpty() && data.addresses().isEmpty()) {
            throw ProblemException.invalid("$.hostnames", "an asset needs at least one host name or address");
        }
    }

    private void requireFreeHostnames(AssetData data) {
        List<String> names = data.hostnames().stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
        List<Problem.FieldError> taken = new ArrayList<>();
        for (Object[] owner : assets.hostnameOwners(names)) {
            if (!owner[1].equals(data.id())) {
                taken.add(new Problem.FieldError("$.hostnames", owner[0] + " belongs to asset " + owner[1]));
            }
        }
        if (!taken.isEmpty()) {
            throw new ProblemException(Problem.of(409, "hostname-taken", "Conflict",
                    "A host name belongs to one asset; remove it from the other asset first").withErrors(taken));
        }
    }

    private static String subject(String id) {
        return "asset:" + id;
    }

    private static Map<String, Object> payload(Asset asset) {
        Map<String, Object> payload = new LinkedHashMap<>();
        AssetView view = AssetView.of(asset);
        payload.put("id", view.id());
        payload.put("hostnames", view.hostnames());
        payload.put("addresses", view.addresses());
        payload.put("criticality", view.criticality());
        payload.put("environment", view.environment());
        payload.put("exposure", view.exposure());
        payload.put("ownerTeam", view.ownerTeam());
        payload.put("missionImpact", view.missionImpact());
        payload.put("safetyImpact", view.safetyImpact());
        return payload;
    }
}
