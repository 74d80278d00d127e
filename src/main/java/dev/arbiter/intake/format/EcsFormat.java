package dev.arbiter.intake.format;

import java.util.List;
import java.util.Locale;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Direction;
import dev.arbiter.intake.Alert.Severity;
import dev.arbiter.intake.IpAddresses;

/**
 * Elastic Common Schema alert documents: {@code event.kind: alert} (alerts from other tools, in ECS) and
 * {@code event.kind: signal} (alerts Elastic Security's detection rules write, with {@code kibana.alert.*}). Fields
 * are read nested or as flat dotted keys, as Elasticsearch returns either.
 */
final class EcsFormat extends SingleAlertFormat {

    static final String NAME = "ecs";

    /** Attributes copied under their ECS names. */
    private static final List<String> KEPT_FIELDS = List.of("event.action", "event.category", "event.type",
            "event.module", "event.dataset", "event.severity", "event.risk_score", "rule.id", "rule.uuid",
            "rule.ruleset", "rule.category", "rule.description", "kibana.alert.rule.uuid", "kibana.alert.rule.rule_id",
            "kibana.alert.risk_score", "kibana.alert.severity", "kibana.alert.reason", "kibana.alert.workflow_status",
            "process.name", "process.executable", "process.command_line", "process.parent.name", "file.path",
            "url.full", "dns.question.name", "source.port", "destination.port", "network.transport",
            "network.direction", "observer.vendor", "observer.product", "agent.type", "host.os.name", "user.domain",
            "message");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field ecs, Draft alert) {
        Field kind = ecs.dotted("event.kind");
        String eventKind = kind.requiredText();
        if (!eventKind.equals("alert") && !eventKind.equals("signal")) {
            throw DocumentException.unsupported(kind.path(), "is \"" + eventKind + "\"; only ECS documents with "
                    + "event.kind \"alert\" (or \"signal\", an Elastic Security alert) are alerts");
        }
        Field id = first(ecs, "kibana.alert.uuid", "event.id");
        if (!id.isPresent()) {
            throw DocumentException.invalid(ecs.dotted("event.id").path(), "is required (or kibana.alert.uuid)");
        }
        Field title = first(ecs, "kibana.alert.rule.name", "rule.name", "message");
        if (!title.isPresent()) {
            throw DocumentException.invalid(ecs.dotted("rule.name").path(), "is required (or kibana.alert.rule.name)");
        }
        Field time = first(ecs, "kibana.alert.original_time", "@timestamp");
        if (!time.isPresent()) {
            throw DocumentException.invalid(ecs.dotted("@timestamp").path(), "is required");
        }
        Field product = ecs.dotted("observer.product");
        alert.source(product.isPresent() ? "ecs:" + Draft.slug(product.requiredText()) : NAME)
                .externalId(id.requiredText(), id)
                .title(title.requiredText(), title)
                .occurredAt(time.requiredInstant(), time);
        severity(ecs, alert);

        Field hostName = first(ecs, "host.name", "host.hostname");
        Field hostIp = ecs.dotted("host.ip");
        Field firstHostIp = hostIp.values().stream().filter(ip -> IpAddresses.parse(ip.text()).isPresent())
                .findFirst().orElse(hostIp.values().stream().findFirst().orElse(hostIp));
        alert.host(hostName.text(), hostName, firstHostIp.text(), firstHostIp);
        for (String name : List.of("user.name", "user.target.name")) {
            Field user = ecs.dotted(name);
            alert.user(user.text(), user);
        }
        Field sourceIp = ecs.dotted("source.ip");
        Field destinationIp = ecs.dotted("destination.ip");
        Direction direction = direction(ecs.dotted("network.direction").text(), sourceIp.text(), destinationIp.text());
        alert.ip(sourceIp.text(), direction, sourceIp).ip(destinationIp.text(), direction, destinationIp);
        for (String name : List.of("file.hash.sha256", "process.hash.sha256", "process.parent.hash.sha256", "dll.hash.sha256")) {
            Field hash = ecs.dotted(name);
            alert.file(hash.text(), hash);
        }
        for (String name : List.of("destination.domain", "source.domain", "dns.question.name", "url.domain",
                "tls.client.server_name")) {
            Field domain = ecs.dotted(name);
            alert.domain(domain.text(), domain);
        }
        Field url = ecs.dotted("url.full");
        alert.url(url.text(), url);
        for (Field vulnerability : ecs.dotted("vulnerability.id").values()) {
            String value = vulnerability.requiredText();
            if (value.toUpperCase(Locale.ROOT).startsWith("CVE")) {
                alert.cve(value, vulnerability);
            }
        }

        for (Field tactic : ecs.dotted("threat.tactic.id").values()) {
            alert.tacticId(tactic.requiredText(), tactic);
        }
        for (Field tactic : ecs.dotted("threat.tactic.name").values()) {
            alert.tacticName(tactic.requiredText(), tactic);
        }
        for (Field technique : ecs.dotted("threat.technique.id").values()) {
            alert.technique(technique.requiredText(), technique);
        }
        for (Field technique : ecs.dotted("threat.technique.subtechnique.id").values()) {
            alert.technique(technique.requiredText(), technique);
        }
        for (Field threat : ecs.dotted("kibana.alert.rule.threat").values()) {
            Field tactic = threat.get("tactic").get("id");
            if (tactic.isPresent()) {
                alert.tacticId(tactic.requiredText(), tactic);
            }
            for (Field technique : threat.get("technique").values()) {
                Field techniqueId = technique.get("id");
                if (techniqueId.isPresent()) {
                    alert.technique(techniqueId.requiredText(), techniqueId);
                }
                for (Field subtechnique : technique.get("subtechnique").values()) {
                    Field subtechniqueId = subtechnique.get("id");
                    if (subtechniqueId.isPresent()) {
                        alert.technique(subtechniqueId.requiredText(), subtechniqueId);
                    }
                }
            }
        }

        if (ecs.dotted("event.category").texts().stream().anyMatch(c -> c.equalsIgnoreCase("malware"))) {
            alert.category(Category.MALWARE);
        } else {
            SuricataFormat.classtype(ecs.dotted("rule.category").text()).ifPresent(alert::category);
        }

        alert.attribute("event.kind", eventKind);
        for (String name : KEPT_FIELDS) {
            alert.attribute(name, ecs.dotted(name));
        }
    }

    /**
     * {@code kibana.alert.severity} when present; else a 0–100 risk score ({@code kibana.alert.risk_score}, then
     * {@code event.risk_score}) in Elastic's bands: ≤ 21 low, ≤ 47 medium, ≤ 73 high, above critical; else medium.
     * ECS {@code event.severity} is the source's own scale and is kept as an attribute only.
     */
    static void severity(Field ecs, Draft alert) {
        Field label = ecs.dotted("kibana.alert.severity");
        if (label.isPresent()) {
            Severity severity = switch (label.requiredText().toLowerCase(Locale.ROOT)) {
                case "low" -> Severity.LOW;
                case "medium" -> Severity.MEDIUM;
                case "high" -> Severity.HIGH;
                case "critical" -> Severity.CRITICAL;
                default -> throw DocumentException.invalid(label.path(), "must be low, medium, high or critical");
            };
            alert.severity(severity, label);
            return;
        }
        Field score = first(ecs, "kibana.alert.risk_score", "event.risk_score");
        if (score.isPresent()) {
            double value = score.number();
            if (value < 0 || value > 100) {
                throw DocumentException.invalid(score.path(), "must be a risk score from 0 to 100");
            }
            alert.severity(value <= 21 ? Severity.LOW : value <= 47 ? Severity.MEDIUM : value <= 73 ? Severity.HIGH
                    : Severity.CRITICAL, score);
            return;
        }
        alert.severity(Severity.MEDIUM, label);
    }

    private static Direction direction(String networkDirection, String sourceIp, String destinationIp) {
        if (networkDirection != null) {
            switch (networkDirection.toLowerCase(Locale.ROOT)) {
                case "inbound" -> {
                    return Direction.INBOUND;
                }
                case "outbound" -> {
                    return Direction.OUTBOUND;
                }
                case "internal" -> {
                    return Direction.INTERNAL;
                }
                default -> {
                    // ingress and egress are relative to the observer, not the organisation; external and unknown
                    // say nothing either: decide from the addresses
                }
            }
        }
        return Draft.direction(sourceIp, destinationIp);
    }

    /** The first present of several dotted fields, or the absent first one. */
    private static Field first(Field ecs, String... names) {
        for (String name : names) {
            Field field = ecs.dotted(name);
            if (field.isPresent()) {
                return field;
            }
        }
        return ecs.dotted(names[0]);
    }
}
