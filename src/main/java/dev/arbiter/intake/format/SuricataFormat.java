package dev.arbiter.intake.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Severity;

/**
 * Suricata EVE JSON, {@code event_type: alert} records. Other record types (flow, dns, http, anomaly, stats…) are
 * refused, not guessed at. {@code alert.severity} is Suricata's priority: 1 is the most severe.
 */
final class SuricataFormat extends SingleAlertFormat {

    static final String NAME = "suricata";

    /**
     * Suricata classtypes (classification.config) by short name and by the description EVE writes in
     * {@code alert.category}, lower-cased. Classtypes not listed leave the category to ATT&CK, then "other".
     */
    private static final Map<String, Category> CLASSTYPES = Map.ofEntries(
            Map.entry("trojan-activity", Category.MALWARE),
            Map.entry("a network trojan was detected", Category.MALWARE),
            Map.entry("exploit-kit", Category.MALWARE),
            Map.entry("exploit kit activity detected", Category.MALWARE),
            Map.entry("coin-mining", Category.MALWARE),
            Map.entry("crypto currency mining activity detected", Category.MALWARE),
            Map.entry("shellcode-detect", Category.MALWARE),
            Map.entry("executable code was detected", Category.MALWARE),
            Map.entry("targeted-activity", Category.MALWARE),
            Map.entry("targeted malicious activity was detected", Category.MALWARE),
            Map.entry("pup-activity", Category.MALWARE),
            Map.entry("possibly unwanted program detected", Category.MALWARE),
            Map.entry("command-and-control", Category.COMMAND_AND_CONTROL),
            Map.entry("malware command and control activity detected", Category.COMMAND_AND_CONTROL),
            Map.entry("domain-c2", Category.COMMAND_AND_CONTROL),
            Map.entry("domain observed used for c2 detected", Category.COMMAND_AND_CONTROL),
            Map.entry("attempted-admin", Category.PRIVILEGE_ESCALATION),
            Map.entry("attempted administrator privilege gain", Category.PRIVILEGE_ESCALATION),
            Map.entry("successful-admin", Category.PRIVILEGE_ESCALATION),
            Map.entry("successful administrator privilege gain", Category.PRIVILEGE_ESCALATION),
            Map.entry("attempted-user", Category.PRIVILEGE_ESCALATION),
            Map.entry("attempted user privilege gain", Category.PRIVILEGE_ESCALATION),
            Map.entry("successful-user", Category.PRIVILEGE_ESCALATION),
            Map.entry("successful user privilege gain", Category.PRIVILEGE_ESCALATION),
            Map.entry("unsuccessful-user", Category.PRIVILEGE_ESCALATION),
            Map.entry("unsuccessful user privilege gain", Category.PRIVILEGE_ESCALATION),
            Map.entry("credential-theft", Category.CREDENTIAL_ACCESS),
            Map.entry("successful credential theft detected", Category.CREDENTIAL_ACCESS),
            Map.entry("default-login-attempt", Category.CREDENTIAL_ACCESS),
            Map.entry("attempt to login by a default username and password", Category.CREDENTIAL_ACCESS),
            Map.entry("suspicious-login", Category.CREDENTIAL_ACCESS),
            Map.entry("an attempted login using a suspicious username was detected", Category.CREDENTIAL_ACCESS),
            Map.entry("network-scan", Category.RECONNAISSANCE),
            Map.entry("detection of a network scan", Category.RECONNAISSANCE),
            Map.entry("attempted-recon", Category.RECONNAISSANCE),
            Map.entry("attempted information leak", Category.RECONNAISSANCE),
            Map.entry("successful-recon-limited", Category.EXFILTRATION),
            Map.entry("information leak", Category.EXFILTRATION),
            Map.entry("successful-recon-largescale", Category.EXFILTRATION),
            Map.entry("large scale information leak", Category.EXFILTRATION),
            Map.entry("policy-violation", Category.POLICY_VIOLATION),
            Map.entry("potential corporate privacy violation", Category.POLICY_VIOLATION),
            Map.entry("inappropriate-content", Category.POLICY_VIOLATION),
            Map.entry("inappropriate content was detected", Category.POLICY_VIOLATION),
            Map.entry("social-engineering", Category.PHISHING),
            Map.entry("possible social engineering attempted", Category.PHISHING));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field eve, Draft alert) {
        Field eventType = eve.get("event_type");
        String type = eventType.requiredText();
        if (!type.equals("alert")) {
            throw DocumentException.unsupported(eventType.path(), "is \"" + type + "\"; only EVE records with "
                    + "event_type \"alert\" are alerts (flow, dns, http, anomaly and other records are not decided)");
        }
        Field rule = eve.get("alert").object();
        if (!rule.isPresent()) {
            throw DocumentException.invalid(rule.path(), "is required in an alert record");
        }
        Field signature = rule.get("signature");
        Field signatureId = rule.get("signature_id");
        Field severity = rule.get("severity");
        Field timestamp = eve.get("timestamp");
        Field flowId = eve.get("flow_id");
        Field sensor = eve.get("host");

        alert.source(NAME)
                .title(signature.requiredText(), signature)
                .severity(severity(severity), severity)
                .occurredAt(timestamp.requiredInstant(), timestamp);
        long sid = required(signatureId);
        String gid = rule.get("gid").identifier();
        String flow = flowId.identifier();
        String host = sensor.text();
        alert.externalId((host != null ? host + "/" : "") + (flow != null ? flow : "noflow") + ":"
                + (gid != null ? gid : "1") + ":" + sid + ":" + timestamp.text().strip(), flow != null ? flowId : timestamp);

        Field sourceIp = eve.get("src_ip");
        Field destinationIp = eve.get("dest_ip");
        alert.flow(sourceIp.text(), sourceIp, destinationIp.text(), destinationIp);

        Field httpHost = eve.get("http").object().get("hostname");
        alert.domain(httpHost.text(), httpHost);
        Field sni = eve.get("tls").object().get("sni");
        alert.domain(sni.text(), sni);
        for (Field query : eve.get("dns").object().get("query").values()) {
            Field name = query.object().get("rrname");
            alert.domain(name.text(), name);
        }

        Field metadata = rule.get("metadata").object();
        for (Field id : metadata.get("mitre_tactic_id").values()) {
            alert.tacticId(id.requiredText(), id);
        }
        for (Field name : metadata.get("mitre_tactic_name").values()) {
            alert.tacticName(name.requiredText(), name);
        }
        for (Field id : metadata.get("mitre_technique_id").values()) {
            alert.technique(id.requiredText(), id);
        }
        for (Field cve : metadata.get("cve").values()) {
            alert.cve(cve.requiredText(), cve);
        }
        String classtype = rule.get("category").text();
        classtype(classtype).ifPresent(alert::category); // else ATT&CK decides, else "other" (Draft.build)

        alert.attribute("alert.category", classtype)
                .attribute("alert.action", rule.get("action"))
                .attribute("alert.signature_id", signatureId)
                .attribute("alert.gid", rule.get("gid"))
                .attribute("alert.rev", rule.get("rev"))
                .attribute("alert.metadata.signature_severity", metadata.get("signature_severity"))
                .attribute("alert.metadata.attack_target", metadata.get("attack_target"))
                .attribute("alert.metadata.affected_product", metadata.get("affected_product"))
                .attribute("alert.metadata.deployment", metadata.get("deployment"))
                .attribute("alert.metadata.mitre_technique_name", metadata.get("mitre_technique_name"))
                .attribute("flow_id", flowId)
                .attribute("host", sensor)
                .attribute("in_iface", eve.get("in_iface"))
                .attribute("proto", eve.get("proto"))
                .attribute("app_proto", eve.get("app_proto"))
                .attribute("src_ip", sourceIp)
                .attribute("src_port", eve.get("src_port"))
                .attribute("dest_ip", destinationIp)
                .attribute("dest_port", eve.get("dest_port"))
                .attribute("community_id", eve.get("community_id"))
                .attribute("http.hostname", eve.get("http").get("hostname"))
                .attribute("http.url", eve.get("http").get("url"))
                .attribute("http.http_user_agent", eve.get("http").get("http_user_agent"))
                .attribute("tls.sni", eve.get("tls").get("sni"));
    }

    /** 1 (most severe) → high, 2 → medium, 3 → low, 4 and above → informational. */
    static Severity severity(Field severity) {
        long value = required(severity);
        if (value < 1) {
            throw DocumentException.invalid(severity.path(), "must be 1 or more (1 is the most severe)");
        }
        return value == 1 ? Severity.HIGH : value == 2 ? Severity.MEDIUM : value == 3 ? Severity.LOW : Severity.INFORMATIONAL;
    }

    static Optional<Category> classtype(String classtype) {
        return classtype == null ? Optional.empty()
                : Optional.ofNullable(CLASSTYPES.get(classtype.strip().toLowerCase(Locale.ROOT)));
    }

    private static long required(Field field) {
        Long value = field.wholeNumber();
        if (value == null) {
            throw DocumentException.invalid(field.path(), "is required");
        }
        return value;
    }
}
