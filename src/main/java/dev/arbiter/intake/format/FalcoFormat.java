package dev.arbiter.intake.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.arbiter.intake.Alert.Severity;

/**
 * Falco's JSON output ({@code json_output: true}, also what falcosidekick forwards): {@code rule}, {@code priority},
 * {@code time}, {@code hostname}, {@code output_fields} and {@code tags}, whose {@code T1059}-style entries are
 * ATT&CK techniques and {@code mitre_*} entries ATT&CK tactics.
 */
final class FalcoFormat extends SingleAlertFormat {

    static final String NAME = "falco";

    /** output_fields copied to attributes under their own names. */
    private static final List<String> KEPT_FIELDS = List.of("proc.name", "proc.cmdline", "proc.exepath", "proc.pname",
            "proc.pcmdline", "proc.tty", "user.uid", "user.loginname", "evt.type", "fd.name", "fd.sport", "fd.dport",
            "container.id", "container.name", "container.image.repository", "container.image.tag",
            "k8s.ns.name", "k8s.pod.name", "ka.verb", "ka.target.resource", "ka.target.name", "ka.uri");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field event, Draft alert) {
        Field rule = event.get("rule");
        Field priority = event.get("priority");
        Field time = event.get("time");
        Field hostname = event.get("hostname");
        Field output = event.get("output");
        Field uuid = event.get("uuid");
        Field fields = event.get("output_fields").object();

        alert.source(NAME)
                .title(rule.requiredText(), rule)
                .severity(severity(priority), priority)
                .occurredAt(time.requiredInstant(), time);
        if (uuid.isPresent()) {
            alert.externalId(uuid.requiredText(), uuid);
        } else {
            // Falco before 0.35 writes no id: the same event sent twice must still be one alert.
            List<String> key = new ArrayList<>();
            key.add(String.valueOf(hostname.text()));
            key.add(rule.text());
            key.add(time.text());
            key.add(String.valueOf(output.text()));
            alert.derivedExternalId("falco-", key);
        }

        String host = present(hostname.text());
        alert.host(host, hostname, null, hostname);
        for (String name : List.of("user.name", "ka.user.name")) {
            Field user = fields.get(name);
            alert.user(present(user.scalarText()), user);
        }
        Field client = fields.get("fd.cip");
        Field server = fields.get("fd.sip");
        Field remote = fields.get("fd.rip");
        String clientIp = present(client.scalarText());
        String serverIp = present(server.scalarText());
        var direction = Draft.direction(clientIp, serverIp);
        alert.ip(clientIp, direction, client).ip(serverIp, direction, server);
        String remoteIp = present(remote.scalarText());
        if (remoteIp != null) {
            alert.ip(remoteIp, clientIp != null && serverIp != null ? direction : Draft.direction(null, remoteIp), remote);
        }

        for (Field tag : event.get("tags").elements()) {
            String value = tag.requiredText();
            if (Attack.TECHNIQUE_ID.matcher(value.toUpperCase(Locale.ROOT)).matches()) {
                alert.technique(value, tag);
            } else if (value.toLowerCase(Locale.ROOT).startsWith("mitre_")) {
                alert.tacticName(value, tag);
            }
        }

        alert.attribute("priority", priority)
                .attribute("source", event.get("source"))
                .attribute("tags", event.get("tags"))
                .attribute("hostname", hostname)
                .attribute("output", output);
        for (String name : KEPT_FIELDS) {
            alert.attribute(name, present(fields.get(name).scalarText()));
        }
    }

    /**
     * Emergency, Alert, Critical → critical; Error → high; Warning → medium; Notice → low; Informational (Info),
     * Debug → informational. Case does not matter.
     */
    static Severity severity(Field priority) {
        String value = priority.requiredText().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "emergency", "alert", "critical" -> Severity.CRITICAL;
            case "error" -> Severity.HIGH;
            case "warning" -> Severity.MEDIUM;
            case "notice" -> Severity.LOW;
            case "informational", "info", "debug" -> Severity.INFORMATIONAL;
            default -> throw DocumentException.invalid(priority.path(), "must be a Falco priority: Emergency, Alert, "
                    + "Critical, Error, Warning, Notice, Informational or Debug");
        };
    }

    /** Falco writes {@code <NA>} for a field it could not fill. */
    private static String present(String value) {
        return value == null || value.isBlank() || value.equals("<NA>") || value.equals("N/A") ? null : value;
    }
}
