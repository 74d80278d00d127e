package dev.arbiter.intake.format;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Severity;
import dev.arbiter.intake.IpAddresses;

/**
 * Prometheus Alertmanager webhook notifications, payload version 4: one notification carries several alerts, each
 * mapped on its own with its {@code fingerprint} as external id. A {@code resolved} alert is marked resolved, so
 * it closes the earlier decision instead of opening a new one. Labels and annotations are free-form, so nothing in
 * them is refused: a {@code severity} label Arbiter does not know is medium, an {@code instance} that is not a host
 * name or address names no host.
 */
final class AlertmanagerFormat implements AlertFormat {

    static final String NAME = "alertmanager";

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9_.-]{1,253}");
    /** Labels that name the host, most specific first. */
    private static final List<String> HOST_LABELS = List.of("hostname", "host", "nodename", "node", "instance");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean manyPerDocument() {
        return true;
    }

    @Override
    public List<MappedAlert> map(JsonNode document) {
        Field notification = Field.root(document);
        Field version = notification.get("version");
        String payloadVersion = version.requiredText();
        if (!payloadVersion.equals("4")) {
            throw DocumentException.unsupported(version.path(), "is \"" + payloadVersion
                    + "\"; only Alertmanager webhook payload version \"4\" is supported");
        }
        Field alerts = notification.get("alerts");
        List<Field> items = alerts.elements();
        if (items.isEmpty()) {
            throw DocumentException.invalid(alerts.path(), "must list at least one alert");
        }
        List<MappedAlert> mapped = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                mapped.add(map(i, items.get(i), notification));
            } catch (DocumentException e) {
                mapped.add(MappedAlert.failed(i, e));
            }
        }
        return mapped;
    }

    private MappedAlert map(int index, Field item, Field notification) {
        if (!item.isObject()) {
            throw DocumentException.invalid(item.path(), "must be an object");
        }
        Field status = item.get("status").isPresent() ? item.get("status") : notification.get("status");
        String state = status.requiredText();
        if (!state.equals("firing") && !state.equals("resolved")) {
            throw DocumentException.invalid(status.path(), "must be \"firing\" or \"resolved\"");
        }
        Field fingerprint = item.get("fingerprint");
        Field labels = item.get("labels").object();
        Field annotations = item.get("annotations").object();
        Field alertname = labels.get("alertname");
        Field summary = annotations.get("summary");
        Field title = summary.isPresent() ? summary : alertname;
        Field severity = labels.get("severity");
        Field startsAt = item.get("startsAt");

        Draft alert = new Draft(NAME)
                .source(NAME)
                .externalId(fingerprint.requiredText(), fingerprint)
                .title(title.requiredText(), title)
                .severity(severity(severity.text()), severity)
                .occurredAt(startsAt.requiredInstant(), startsAt);
        String category = labels.get("category").text();
        for (Category known : Category.values()) {
            if (known.wireName().equalsIgnoreCase(category == null ? "" : category.strip())) {
                alert.category(known);
            }
        }
        for (String name : HOST_LABELS) {
            Field label = labels.get(name);
            if (host(label, alert)) {
                break;
            }
        }

        alert.attribute("status", state)
                .attribute("generatorURL", item.get("generatorURL"))
                .attribute("receiver", notification.get("receiver"))
                .attribute("externalURL", notification.get("externalURL"));
        for (Map.Entry<String, Field> label : labels.members()) {
            alert.attribute("labels." + label.getKey(), label.getValue());
        }
        for (Map.Entry<String, Field> annotation : annotations.members()) {
            alert.attribute("annotations." + annotation.getKey(), annotation.getValue());
        }
        MappedAlert firing = alert.build(index);
        return state.equals("resolved") ? new MappedAlert(index, firing.alert(), firing.origins(), true, null) : firing;
    }

    /**
     * critical, fatal, emergency → critical; high, error, major, page → high; warning, warn, medium → medium;
     * low, minor → low; info, informational, none, debug → informational; anything else or no label → medium.
     */
    static Severity severity(String label) {
        if (label == null) {
            return Severity.MEDIUM;
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "fatal", "emergency" -> Severity.CRITICAL;
            case "high", "error", "major", "page" -> Severity.HIGH;
            case "low", "minor" -> Severity.LOW;
            case "info", "informational", "none", "debug" -> Severity.INFORMATIONAL;
            default -> Severity.MEDIUM;
        };
    }

    /**
     * A host from a label such as {@code instance="web-01:9100"}, {@code "[2001:db8::5]:9100"} or
     * {@code "https://shop.example.com/health"}: the port and URL parts are dropped. False when the label names none.
     */
    private static boolean host(Field label, Draft alert) {
        String value = label.text();
        if (value == null || value.isBlank()) {
            return false;
        }
        String candidate = value.strip();
        if (candidate.contains("://")) {
            try {
                candidate = URI.create(candidate).getHost();
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (candidate == null) {
                return false;
            }
        }
        if (candidate.startsWith("[") && candidate.indexOf(']') > 0) {
            candidate = candidate.substring(1, candidate.indexOf(']'));
        } else if (candidate.indexOf(':') > 0 && candidate.indexOf(':') == candidate.lastIndexOf(':')) {
            candidate = candidate.substring(0, candidate.indexOf(':'));
        }
        if (IpAddresses.parse(candidate).isPresent()) {
            alert.host(null, label, candidate, label);
            return true;
        }
        if (HOSTNAME.matcher(candidate).matches()) {
            alert.host(candidate, label, null, label);
            return true;
        }
        return false;
    }
}
