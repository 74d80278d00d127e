package dev.arbiter.intake.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Severity;
import dev.arbiter.intake.IpAddresses;

/**
 * Wazuh alerts as the manager writes them to {@code alerts.json} (and forwards to integrations): {@code rule}
 * (level 0–15, description, groups, mitre), {@code agent}, {@code data}, {@code syscheck}.
 */
final class WazuhFormat extends SingleAlertFormat {

    static final String NAME = "wazuh";

    /** Wazuh rule groups that say what kind of alert it is; the first group of the alert found here decides. */
    private static final Map<String, Category> GROUPS = Map.ofEntries(
            Map.entry("authentication_failed", Category.CREDENTIAL_ACCESS),
            Map.entry("authentication_failures", Category.CREDENTIAL_ACCESS),
            Map.entry("invalid_login", Category.CREDENTIAL_ACCESS),
            Map.entry("win_authentication_failed", Category.CREDENTIAL_ACCESS),
            Map.entry("recon", Category.RECONNAISSANCE),
            Map.entry("web_scan", Category.RECONNAISSANCE),
            Map.entry("virus", Category.MALWARE),
            Map.entry("malware", Category.MALWARE),
            Map.entry("vulnerability-detector", Category.VULNERABILITY),
            Map.entry("policy_violation", Category.POLICY_VIOLATION),
            Map.entry("sca", Category.POLICY_VIOLATION));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field wazuh, Draft alert) {
        Field rule = wazuh.get("rule").object();
        if (!rule.isPresent()) {
            throw DocumentException.invalid(rule.path(), "is required");
        }
        Field level = rule.get("level");
        Field description = rule.get("description");
        Field id = wazuh.get("id");
        Field timestamp = wazuh.get("timestamp");

        String externalId = id.identifier();
        if (externalId == null || externalId.isBlank()) {
            throw DocumentException.invalid(id.path(), "is required");
        }
        alert.source(NAME)
                .externalId(externalId.strip(), id)
                .title(description.requiredText(), description)
                .severity(severity(level), level)
                .occurredAt(timestamp.requiredInstant(), timestamp);

        Field agent = wazuh.get("agent").object();
        Field agentName = agent.get("name");
        Field agentIp = agent.get("ip");
        String agentAddress = address(agentIp.text());
        alert.host(agentName.text(), agentName, agentAddress, agentIp);

        Field data = wazuh.get("data").object();
        Field sourceIp = data.get("srcip");
        Field destinationIp = data.get("dstip");
        String source = sourceIp.text();
        String destination = destinationIp.text();
        var direction = Draft.direction(source, destination != null ? destination : agentAddress);
        alert.ip(source, direction, sourceIp).ip(destination, direction, destinationIp);
        Field dstuser = data.get("dstuser");
        alert.user(dstuser.text(), dstuser);
        Field targetUser = data.get("win").get("eventdata").get("targetUserName");
        alert.user(targetUser.text(), targetUser);

        Field mitre = rule.get("mitre").object();
        for (Field technique : mitre.get("id").values()) {
            alert.technique(technique.requiredText(), technique);
        }
        for (Field tactic : mitre.get("tactic").values()) {
            alert.tacticName(tactic.requiredText(), tactic);
        }
        Field vulnerability = data.get("vulnerability").object();
        Field cve = vulnerability.get("cve");
        alert.cve(cve.text(), cve);
        Field sha256 = wazuh.get("syscheck").get("sha256_after");
        alert.file(sha256.text(), sha256);

        Field groups = rule.get("groups");
        groups.texts().stream().map(WazuhFormat::group).flatMap(Optional::stream).findFirst()
                .ifPresent(alert::category);

        alert.attribute("rule.id", rule.get("id"))
                .attribute("rule.level", level)
                .attribute("rule.groups", groups)
                .attribute("rule.firedtimes", rule.get("firedtimes"))
                .attribute("rule.mitre.technique", mitre.get("technique"))
                .attribute("agent.id", agent.get("id"))
                .attribute("agent.name", agentName)
                .attribute("manager.name", wazuh.get("manager").get("name"))
                .attribute("decoder.name", wazuh.get("decoder").get("name"))
                .attribute("location", wazuh.get("location"))
                .attribute("data.srcip", sourceIp)
                .attribute("data.srcport", data.get("srcport"))
                .attribute("data.srcuser", data.get("srcuser"))
                .attribute("data.dstip", destinationIp)
                .attribute("data.dstport", data.get("dstport"))
                .attribute("data.dstuser", dstuser)
                .attribute("data.protocol", data.get("protocol"))
                .attribute("data.url", data.get("url"))
                .attribute("data.vulnerability.severity", vulnerability.get("severity"))
                .attribute("data.vulnerability.package.name", vulnerability.get("package").get("name"))
                .attribute("data.vulnerability.package.version", vulnerability.get("package").get("version"))
                .attribute("syscheck.path", wazuh.get("syscheck").get("path"))
                .attribute("syscheck.event", wazuh.get("syscheck").get("event"))
                .attribute("full_log", wazuh.get("full_log"));
    }

    /**
     * Wazuh's rule classification: 0–3 (ignored, notifications, successful events) → informational, 4–6 (low-priority
     * errors, low-relevance attacks) → low, 7–11 → medium, 12–14 (high-importance events) → high, 15–16 (severe
     * attack; current Wazuh versions go up to 16) → critical.
     */
    static Severity severity(Field level) {
        Long value = level.wholeNumber();
        if (value == null) {
            throw DocumentException.invalid(level.path(), "is required");
        }
        if (value < 0 || value > 16) {
            throw DocumentException.invalid(level.path(), "must be a Wazuh rule level from 0 to 16");
        }
        return value <= 3 ? Severity.INFORMATIONAL : value <= 6 ? Severity.LOW : value <= 11 ? Severity.MEDIUM
                : value <= 14 ? Severity.HIGH : Severity.CRITICAL;
    }

    /** An agent registered without a fixed address reports {@code any}: no address, not an error. */
    private static String address(String value) {
        return value == null || value.equalsIgnoreCase("any") && IpAddresses.parse(value).isEmpty() ? null : value;
    }

    static Optional<Category> group(String group) {
        return Optional.ofNullable(GROUPS.get(group.toLowerCase(Locale.ROOT)));
    }
}
