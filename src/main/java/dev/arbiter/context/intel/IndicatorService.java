package dev.arbiter.context.intel;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Domains;
import dev.arbiter.common.Ids;
import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;
import dev.arbiter.context.ImportErrors;
import dev.arbiter.context.ImportResult;
import dev.arbiter.context.InventoryChanged;
import dev.arbiter.context.InventoryReader;
import dev.arbiter.context.Network;

/**
 * Creates, replaces, deletes and bulk-imports indicators. Every change appends its audit event in the same
 * transaction and drops the indicator caches after commit. An indicator is unique by type, value and source; an
 * import creates or updates by that key, a later entry for the same key winning over an earlier one.
 */
@ApplicationScoped
@Transactional
public class IndicatorService {

    static final String CREATED = "indicator.created";
    static final String UPDATED = "indicator.updated";
    static final String DELETED = "indicator.deleted";
    static final String IMPORTED = "indicator.imported";
    private static final int CHUNK = 500;
    /** An import of tens of thousands of rows may take longer than the default transaction timeout. */
    private static final int IMPORT_TIMEOUT_SECONDS = 600;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");

    private final IndicatorRepository indicators;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<InventoryChanged> changed;

    IndicatorService(IndicatorRepository indicators, AuditLog audit, Clock clock, Event<InventoryChanged> changed) {
        this.indicators = indicators;
        this.audit = audit;
        this.clock = clock;
        this.changed = changed;
    }

    /** One entry of an import: where it is in the body ({@code row 3}, {@code $.objects[2]}), its data, its STIX id. */
    public record Entry(String where, IndicatorData data, String stixId) {
    }

    /** The outcome of a write: the indicator, and whether it was new. */
    public record Saved(IndicatorView indicator, boolean created) {
    }

    /** A value in its stored form, and its range for addresses and blocks. */
    record Normalised(String value, Network network) {
    }

    /** The value in stored form, or the reason it does not fit the type. */
    static Object normalise(String type, String value) {
        switch (type) {
            case "ipv4", "ipv6", "cidr" -> {
                Network.Parsed parsed = Network.parse(value);
                if (parsed.network() == null) {
                    return parsed.error();
                }
                Network network = parsed.network();
                boolean block = value.contains("/");
                if ("cidr".equals(type) && !block) {
                    return "must be a CIDR block such as 203.0.113.0/24; use type ipv4 or ipv6 for one address";
                }
                if (!"cidr".equals(type) && block) {
                    return "must be a single address; use type cidr for a block";
                }
                if ("ipv4".equals(type) && network.family() != 4) {
                    return "must be an IPv4 address";
                }
                if ("ipv6".equals(type) && network.family() != 6) {
                    return "must be an IPv6 address";
                }
                return new Normalised(network.text(), network);
            }
            case "domain" -> {
                String domain = Domains.canonical(value);
                return DOMAIN.matcher(domain).matches() ? new Normalised(domain, null) : "must be a domain name such as evil.example";
            }
            case "url" -> {
                return URL.matcher(value).matches() ? new Normalised(Urls.canonical(value), null) : "must be an absolute URL such as https://evil.example/x";
            }
            case "sha256" -> {
                String hash = value.toLowerCase(Locale.ROOT);
                return SHA256.matcher(hash).matches() ? new Normalised(hash, null) : "must be 64 hexadecimal digits (SHA-256)";
            }
            case "md5" -> {
                String hash = value.toLowerCase(Locale.ROOT);
                return MD5.matcher(hash).matches() ? new Normalised(hash, null) : "must be 32 hexadecimal digits (MD5)";
            }
            default -> {
                return "has an unknown type";
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IndicatorView> find(UUID id) {
        return indicators.findByIdOptional(id).map(IndicatorView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IndicatorView.Page list(String type, String value, String source, UUID after, int limit) {
        String normalisedValue = value;
        if (type != null && value != null && normalise(type, value) instanceof Normalised n) {
            normalisedValue = n.value();
        }
        List<Indicator> page = indicators.page(type, normalisedValue, source, after, limit + 1);
        boolean more = page.size() > limit;
        List<Indicator> items = more ? page.subList(0, limit) : page;
        return new IndicatorView.Page(items.stream().map(IndicatorView::of).toList(),
                more ? items.get(items.size() - 1).id.toString() : null);
    }

    /** A new indicator; 409 when one with the same type, value and source exists. */
    public IndicatorView create(IndicatorData data, Principal principal) {
        Normalised value = valueOrThrow(data);
        indicators.byKey(data.type(), value.value(), data.source()).ifPresent(existing -> {
            throw ProblemException.conflict("indicator-exists", "Indicator " + existing.id + " already lists "
                    + value.value() + " for " + data.source() + "; replace it with PUT /api/v1/indicators/" + existing.id);
        });
        Indicator indicator = new Indicator();
        indicator.id = Ids.next();
        indicator.createdAt = clock.instant();
        apply(indicator, data, value, null);
        indicators.persist(indicator);
        audit.append(principal, CREATED, subject(indicator.id), payload(indicator));
        changed.fire(InventoryChanged.INDICATORS);
        return IndicatorView.of(indicator);
    }

    /** Replaces the indicator with this id; 404 when there is none, 409 when the new key is another's. */
    public IndicatorView replace(UUID id, IndicatorData data, Principal principal) {
        Indicator indicator = indicators.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No indicator with id " + id));
        Normalised value = valueOrThrow(data);
        indicators.byKey(data.type(), value.value(), data.source()).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw ProblemException.conflict("indicator-exists", "Indicator " + other.id + " already lists " + value.value()
                    + " for " + data.source());
        });
        apply(indicator, data, value, indicator.stixId);
        audit.append(principal, UPDATED, subject(id), payload(indicator));
        changed.fire(InventoryChanged.INDICATORS);
        return IndicatorView.of(indicator);
    }

    public void delete(UUID id, Principal principal) {
        Indicator indicator = indicators.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No indicator with id " + id));
        Map<String, Object> before = payload(indicator);
        indicators.delete(indicator);
        audit.append(principal, DELETED, subject(id), before);
        changed.fire(InventoryChanged.INDICATORS);
    }

    /** Creates or updates every entry's indicator, all or nothing; a value that does not fit its type is an error. */
    @TransactionConfiguration(timeout = IMPORT_TIMEOUT_SECONDS)
    public ImportResult importEntries(List<Entry> entries, List<ImportResult.Skipped> skipped, ImportErrors errors,
                                      byte[] body, String format, Principal principal) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        Map<String, Normalised> values = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.data().type() == null || !entry.data().type().matches(IndicatorData.TYPES) || entry.data().value() == null
                    || entry.data().source() == null) {
                continue; // already reported by validation
            }
            Object normalised = normalise(entry.data().type(), entry.data().value());
            if (normalised instanceof Normalised n) {
                String key = key(entry.data().type(), n.value(), entry.data().source());
                byKey.remove(key);
                byKey.put(key, entry);
                values.put(key, n);
            } else {
                errors.addRaw(entry.where() + ": value", (String) normalised);
            }
        }
        errors.throwIfAny();

        Map<String, Indicator> existing = new HashMap<>();
        List<String> distinctValues = values.values().stream().map(Normalised::value).distinct().toList();
        for (int i = 0; i < distinctValues.size(); i += CHUNK) {
            for (Indicator indicator : indicators.list("value in ?1", distinctValues.subList(i, Math.min(distinctValues.size(), i + CHUNK)))) {
                existing.put(key(indicator.type, indicator.value, indicator.source), indicator);
            }
        }
        Instant now = clock.instant();
        int created = 0;
        for (Map.Entry<String, Entry> keyed : byKey.entrySet()) {
            Entry entry = keyed.getValue();
            Indicator indicator = existing.get(keyed.getKey());
            if (indicator == null) {
                indicator = new Indicator();
                indicator.id = Ids.next();
                indicator.createdAt = now;
                apply(indicator, entry.data(), values.get(keyed.getKey()), entry.stixId());
                indicators.persist(indicator);
                created++;
            } else {
                apply(indicator, entry.data(), values.get(keyed.getKey()), entry.stixId() != null ? entry.stixId() : indicator.stixId);
            }
        }
        indicators.flush();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", format);
        payload.put("sha256", InventoryReader.digest(body));
        payload.put("entries", entries.size());
        payload.put("created", created);
        payload.put("updated", byKey.size() - created);
        payload.put("skipped", skipped.size());
        audit.append(principal, IMPORTED, "indicators", payload);
        changed.fire(InventoryChanged.INDICATORS);
        return new ImportResult(entries.size(), created, byKey.size() - created, skipped);
    }

    private static Normalised valueOrThrow(IndicatorData data) {
        Object normalised = normalise(data.type(), data.value());
        if (normalised instanceof Normalised n) {
            return n;
        }
        throw ProblemException.invalid("$.value", (String) normalised);
    }

    private void apply(Indicator indicator, IndicatorData data, Normalised value, String stixId) {
        indicator.type = data.type();
        indicator.value = value.value();
        indicator.source = data.source();
        indicator.confidence = data.confidenceOrDefault();
        indicator.validUntil = data.validUntil();
        indicator.description = data.description();
        indicator.stixId = stixId;
        indicator.family = value.network() != null ? value.network().family() : null;
        indicator.firstAddress = value.network() != null ? new BigDecimal(value.network().first()) : null;
        indicator.lastAddress = value.network() != null ? new BigDecimal(value.network().last()) : null;
        indicator.updatedAt = clock.instant();
    }

    private static String key(String type, String value, String source) {
        return type + "\u0000" + value + "\u0000" + source;
    }

    private static String subject(UUID id) {
        return "indicator:" + id;
    }

    private static Map<String, Object> payload(Indicator indicator) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", indicator.id.toString());
        payload.put("type", indicator.type);
        payload.put("value", indicator.value);
        payload.put("source", indicator.source);
        payload.put("confidence", indicator.confidence);
        payload.put("validUntil", indicator.validUntil != null ? indicator.validUntil.toString() : null);
        return payload;
    }
}
