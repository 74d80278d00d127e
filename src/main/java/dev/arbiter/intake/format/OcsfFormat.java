package dev.arbiter.intake.format;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Severity;
import dev.arbiter.intake.IpAddresses;

/**
 * OCSF 1.x Detection Finding events ({@code class_uid} 2004): {@code finding_info} (id, title, ATT&CK
 * {@code attacks}), {@code severity_id}, {@code time}, {@code metadata.product}, {@code device}, {@code evidences},
 * {@code resources} and {@code vulnerabilities}. Other OCSF classes are refused.
 */
final class OcsfFormat extends SingleAlertFormat {

    static final String NAME = "ocsf";
    static final long DETECTION_FINDING = 2004;

    /** OCSF fingerprint {@code algorithm_id} of SHA-256. */
    private static final long SHA_256 = 3;

    private static final Map<Long, String> OTHER_FINDINGS = Map.of(
            2001L, "Security Finding", 2002L, "Vulnerability Finding", 2003L, "Compliance Finding",
            2005L, "Incident Finding", 2006L, "Data Security Finding", 2007L, "Application Security Posture Finding");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field ocsf, Draft alert) {
        Field classUid = ocsf.get("class_uid");
        Long eventClass = classUid.wholeNumber();
        if (eventClass == null) {
            throw DocumentException.invalid(classUid.path(), "is required");
        }
        if (eventClass != DETECTION_FINDING) {
            String known = OTHER_FINDINGS.get(eventClass);
            throw DocumentException.unsupported(classUid.path(), "is " + eventClass + (known != null ? " (" + known + ")" : "")
                    + "; only OCSF Detection Findings (class_uid 2004) are alerts");
        }
        Field metadata = ocsf.get("metadata").object();
        Field version = metadata.get("version");
        if (version.isPresent() && !version.requiredText().startsWith("1.")) {
            throw DocumentException.unsupported(version.path(), "is \"" + version.text() + "\"; OCSF 1.x is supported");
        }
        Field product = metadata.get("product").object();
        Field productName = product.get("name").isPresent() ? product.get("name") : product.get("vendor_name");
        if (!productName.isPresent()) {
            throw DocumentException.invalid(product.get("name").path(), "is required: it names the source");
        }
        Field info = ocsf.get("finding_info").object();
        if (!info.isPresent()) {
            throw DocumentException.invalid(info.path(), "is required");
        }
        Field uid = info.get("uid");
        Field title = info.get("title");
        Field severityId = ocsf.get("severity_id");
        Field confidence = ocsf.get("confidence_score");

        alert.source("ocsf:" + Draft.slug(productName.requiredText()))
                .externalId(uid.requiredText(), uid)
                .title(title.requiredText(), title)
                .severity(severity(severityId, ocsf.get("severity")), severityId);
        time(ocsf, alert);
        Long confidenceScore = confidence.wholeNumber();
        if (confidenceScore != null) {
            alert.confidence(confidenceScore.intValue(), confidence);
        }

        Field attacks = info.get("attacks").isPresent() ? info.get("attacks") : ocsf.get("attacks");
        for (Field attack : attacks.elements()) {
            attack(attack, alert);
        }

        device(ocsf.get("device").object(), alert);
        user(ocsf.get("actor").get("user"), alert);
        for (Field evidence : ocsf.get("evidences").elements()) {
            Field source = evidence.get("src_endpoint").object();
            Field destination = evidence.get("dst_endpoint").object();
            endpoint(source, "src_endpoint", alert);
            endpoint(destination, "dst_endpoint", alert);
            alert.flow(source.get("ip").text(), source.get("ip"), destination.get("ip").text(), destination.get("ip"));
            device(evidence.get("device").object(), alert);
            user(evidence.get("user"), alert);
            user(evidence.get("actor").get("user"), alert);
            Field process = evidence.get("process").object();
            hashes(process.get("file").get("hashes"), alert);
            hashes(process.get("parent_process").get("file").get("hashes"), alert);
            hashes(evidence.get("file").get("hashes"), alert);
            user(process.get("user"), alert);
            alert.attribute("evidences.process.cmd_line", process.get("cmd_line"))
                    .attribute("evidences.process.name", process.get("name"))
                    .attribute("evidences.file.path", evidence.get("file").get("path"))
                    .attribute("evidences.url.url_string", evidence.get("url").get("url_string"))
                    .attribute("evidences.query.hostname", evidence.get("query").get("hostname"));
        }
        List<Field> resources = ocsf.get("resources").elements();
        for (Field resource : resources) {
            Field hostname = resource.get("hostname");
            Field ip = resource.get("ip");
            alert.host(hostname.text(), hostname, ip.text(), ip);
        }
        for (int i = 0; i < Math.min(3, resources.size()); i++) {
            Field resource = resources.get(i);
            String prefix = "resources[" + i + "].";
            alert.attribute(prefix + "uid", resource.get("uid"))
                    .attribute(prefix + "name", resource.get("name"))
                    .attribute(prefix + "type", resource.get("type"))
                    .attribute(prefix + "criticality", resource.get("criticality"))
                    .attribute(prefix + "region", resource.get("region"));
        }
        for (Field vulnerability : ocsf.get("vulnerabilities").elements()) {
            Field cve = vulnerability.get("cve").get("uid");
            alert.cve(cve.text(), cve);
        }
        if (alert.tactics().isEmpty() && !ocsf.get("vulnerabilities").elements().isEmpty()) {
            alert.category(Category.VULNERABILITY);
        }

        alert.attribute("metadata.product.name", product.get("name"))
                .attribute("metadata.product.vendor_name", product.get("vendor_name"))
                .attribute("metadata.version", version)
                .attribute("activity_name", ocsf.get("activity_name"))
                .attribute("status", ocsf.get("status"))
                .attribute("disposition", ocsf.get("disposition"))
                .attribute("risk_level", ocsf.get("risk_level"))
                .attribute("finding_info.types", info.get("types"))
                .attribute("finding_info.analytic.name", info.get("analytic").get("name"))
                .attribute("finding_info.desc", info.get("desc"))
                .attribute("message", ocsf.get("message"));
    }

    /**
     * {@code severity_id}: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical map by name; 6 Fatal → critical;
     * 0 Unknown → medium; 99 Other → the {@code severity} label when it is a canonical severity, else medium.
     */
    static Severity severity(Field severityId, Field label) {
        Long id = severityId.wholeNumber();
        if (id == null) {
            throw DocumentException.invalid(severityId.path(), "is required");
        }
        return switch (id.intValue()) {
            case 0 -> Severity.MEDIUM;
            case 1 -> Severity.INFORMATIONAL;
            case 2 -> Severity.LOW;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5, 6 -> Severity.CRITICAL;
            case 99 -> otherSeverity(label.text());
            default -> throw DocumentException.invalid(severityId.path(), "must be an OCSF severity_id: 0 to 6, or 99");
        };
    }

    private static Severity otherSeverity(String label) {
        if (label != null) {
            for (Severity severity : Severity.values()) {
                if (severity.wireName().equalsIgnoreCase(label.strip())) {
                    return severity;
                }
            }
        }
        return Severity.MEDIUM;
    }

    /** {@code time} is epoch milliseconds; {@code time_dt} (the date/time profile) is used when it is absent. */
    private static void time(Field ocsf, Draft alert) {
        Field time = ocsf.get("time");
        Long millis = time.wholeNumber();
        if (millis != null) {
            alert.occurredAt(Instant.ofEpochMilli(millis), time);
            return;
        }
        Field timeDt = ocsf.get("time_dt");
        if (!timeDt.isPresent()) {
            throw DocumentException.invalid(time.path(), "is required");
        }
        alert.occurredAt(timeDt.requiredInstant(), timeDt);
    }

    private static void attack(Field attack, Draft alert) {
        Field tactic = attack.get("tactic").object();
        Field tacticUid = tactic.get("uid");
        if (tacticUid.isPresent()) {
            alert.tacticId(tacticUid.requiredText(), tacticUid);
        } else if (tactic.get("name").isPresent()) {
            alert.tacticName(tactic.get("name").requiredText(), tactic.get("name"));
        }
        for (Field legacy : attack.get("tactics").elements()) {
            Field legacyUid = legacy.get("uid");
            if (legacyUid.isPresent()) {
                alert.tacticId(legacyUid.requiredText(), legacyUid);
            }
        }
        for (String name : List.of("technique", "sub_technique")) {
            Field techniqueUid = attack.get(name).object().get("uid");
            if (techniqueUid.isPresent()) {
                alert.technique(techniqueUid.requiredText(), techniqueUid);
            }
        }
    }

    /** The device the finding is about: one of the organisation's hosts. */
    private static void device(Field device, Draft alert) {
        Field hostname = device.get("hostname");
        Field ip = device.get("ip");
        alert.host(hostname.text(), hostname, ip.text(), ip);
    }

    /**
     * A network endpoint of an evidence: a host of the organisation only when its address is internal (its
     * address itself becomes an IP entity through the flow); an outside endpoint's name is kept as an attribute.
     */
    private static void endpoint(Field endpoint, String side, Draft alert) {
        Field hostname = endpoint.get("hostname");
        Field ip = endpoint.get("ip");
        String address = ip.text();
        if (address != null && IpAddresses.parse(address).isPresent() && !IpAddresses.isExternal(address)) {
            alert.host(hostname.text(), hostname, address, ip);
        } else {
            alert.attribute("evidences." + side + ".hostname", hostname);
        }
    }

    private static void user(Field user, Draft alert) {
        Field name = user.object().get("name");
        alert.user(name.text(), name);
    }

    private static void hashes(Field hashes, Draft alert) {
        for (Field hash : hashes.elements()) {
            Long algorithm = hash.get("algorithm_id").wholeNumber();
            String algorithmName = hash.get("algorithm").text();
            if (algorithm != null && algorithm == SHA_256
                    || algorithm == null && algorithmName != null && algorithmName.toLowerCase(Locale.ROOT).replace("-", "").equals("sha256")) {
                alert.file(hash.get("value").text(), hash.get("value"));
            }
        }
    }
}
