package dev.arbiter.intake.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.arbiter.intake.Alert.Category;
import dev.arbiter.intake.Alert.Direction;
import dev.arbiter.intake.Alert.Severity;

/**
 * Amazon GuardDuty findings, bare (as the console and CLI show them, {@code PascalCase} members) or inside an
 * EventBridge event ({@code detail}, {@code camelCase} members as in the GuardDuty API). Either spelling is read.
 */
final class GuardDutyFormat extends SingleAlertFormat {

    static final String NAME = "guardduty";
    static final String SOURCE = "aws-guardduty";

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9_.-]{1,253}");

    /** The threat purpose, the part of the finding type before ':' ({@code Backdoor:EC2/C&CActivity.B}). */
    private static final Map<String, Category> PURPOSES = Map.ofEntries(
            Map.entry("backdoor", Category.COMMAND_AND_CONTROL),
            Map.entry("cryptocurrency", Category.MALWARE),
            Map.entry("trojan", Category.MALWARE),
            Map.entry("execution", Category.MALWARE),
            Map.entry("impact", Category.MALWARE),
            Map.entry("credentialaccess", Category.CREDENTIAL_ACCESS),
            Map.entry("unauthorizedaccess", Category.CREDENTIAL_ACCESS),
            Map.entry("privilegeescalation", Category.PRIVILEGE_ESCALATION),
            Map.entry("exfiltration", Category.EXFILTRATION),
            Map.entry("recon", Category.RECONNAISSANCE),
            Map.entry("discovery", Category.RECONNAISSANCE),
            Map.entry("pentest", Category.RECONNAISSANCE),
            Map.entry("policy", Category.POLICY_VIOLATION));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    void map(Field document, Draft alert) {
        Field finding = unwrap(document);
        Members m = new Members(finding.get("id").isPresent() || finding.get("schemaVersion").isPresent());

        Field id = m.get(finding, "Id");
        Field title = m.get(finding, "Title");
        Field severity = m.get(finding, "Severity");
        Field type = m.get(finding, "Type");
        Field service = m.get(finding, "Service").object();
        Field firstSeen = m.get(service, "EventFirstSeen");
        Field createdAt = m.get(finding, "CreatedAt");
        Field occurred = firstSeen.isPresent() ? firstSeen : createdAt;

        String findingType = type.requiredText();
        alert.source(SOURCE)
                .externalId(id.requiredText(), id)
                .title(title.isPresent() ? title.requiredText() : findingType, title.isPresent() ? title : type)
                .severity(severity(severity), severity)
                .occurredAt(occurred.requiredInstant(), occurred);
        category(findingType).ifPresent(alert::category);

        Field resource = m.get(finding, "Resource").object();
        Field instance = m.get(resource, "InstanceDetails").object();
        Field nameTag = null;
        for (Field tag : m.get(instance, "Tags").elements()) {
            if ("Name".equals(m.get(tag, "Key").text())) {
                nameTag = m.get(tag, "Value");
            }
        }
        Field nic = m.get(instance, "NetworkInterfaces").elements().stream().findFirst().orElse(m.get(instance, "NetworkInterfaces"));
        Field privateDns = m.get(nic, "PrivateDnsName");
        Field privateIp = m.get(nic, "PrivateIpAddress");
        String tagName = nameTag != null ? nameTag.text() : null;
        boolean tagIsHostname = tagName != null && HOSTNAME.matcher(tagName).matches();
        alert.host(tagIsHostname ? tagName : privateDns.text(), tagIsHostname ? nameTag : privateDns,
                privateIp.text(), privateIp);

        Field accessKey = m.get(resource, "AccessKeyDetails").object();
        Field userName = m.get(accessKey, "UserName");
        alert.user(userName.text(), userName);

        Field action = m.get(service, "Action").object();
        Field connection = m.get(action, "NetworkConnectionAction").object();
        if (connection.isPresent()) {
            remoteIp(m, m.get(connection, "RemoteIpDetails"), direction(m.get(connection, "ConnectionDirection").text()), alert);
        }
        for (String kind : new String[] {"AwsApiCallAction", "KubernetesApiCallAction", "RdsLoginAttemptAction"}) {
            Field call = m.get(action, kind).object();
            if (call.isPresent()) {
                remoteIp(m, m.get(call, "RemoteIpDetails"), Direction.INBOUND, alert);
            }
        }
        Field portProbe = m.get(action, "PortProbeAction").object();
        for (Field probe : m.get(portProbe, "PortProbeDetails").elements()) {
            remoteIp(m, m.get(probe, "RemoteIpDetails"), Direction.INBOUND, alert);
        }

        alert.attribute("type", type)
                .attribute("accountId", m.get(finding, "AccountId"))
                .attribute("region", m.get(finding, "Region"))
                .attribute("severity", severity)
                .attribute("description", m.get(finding, "Description"))
                .attribute("resource.resourceType", m.get(resource, "ResourceType"))
                .attribute("resource.instanceDetails.instanceId", m.get(instance, "InstanceId"))
                .attribute("resource.instanceDetails.nameTag", tagName)
                .attribute("resource.instanceDetails.imageId", m.get(instance, "ImageId"))
                .attribute("resource.instanceDetails.publicIp", m.get(nic, "PublicIp"))
                .attribute("resource.accessKeyDetails.accessKeyId", m.get(accessKey, "AccessKeyId"))
                .attribute("resource.accessKeyDetails.userType", m.get(accessKey, "UserType"))
                .attribute("service.action.actionType", m.get(action, "ActionType"))
                .attribute("service.action.networkConnectionAction.protocol", m.get(connection, "Protocol"))
                .attribute("service.action.networkConnectionAction.remotePortDetails.port",
                        m.get(m.get(connection, "RemotePortDetails"), "Port"))
                .attribute("service.action.networkConnectionAction.blocked", m.get(connection, "Blocked"))
                .attribute("service.action.dnsRequestAction.domain", m.get(m.get(action, "DnsRequestAction"), "Domain"))
                .attribute("service.action.awsApiCallAction.api", m.get(m.get(action, "AwsApiCallAction"), "Api"))
                .attribute("service.action.awsApiCallAction.serviceName",
                        m.get(m.get(action, "AwsApiCallAction"), "ServiceName"))
                .attribute("service.count", m.get(service, "Count"))
                .attribute("service.resourceRole", m.get(service, "ResourceRole"))
                .attribute("service.eventLastSeen", m.get(service, "EventLastSeen"))
                .attribute("updatedAt", m.get(finding, "UpdatedAt"));
    }

    /** The finding: the document itself, or the {@code detail} of a GuardDuty EventBridge event. */
    private static Field unwrap(Field document) {
        Field detailType = document.get("detail-type");
        if (!detailType.isPresent() && !document.get("detail").isPresent()) {
            return document;
        }
        Field eventSource = document.get("source");
        if (!"aws.guardduty".equals(eventSource.text())) {
            throw DocumentException.unsupported(eventSource.path(), "is \"" + eventSource.text() + "\"; only "
                    + "EventBridge events from source \"aws.guardduty\" are GuardDuty findings");
        }
        if (!"GuardDuty Finding".equals(detailType.text())) {
            throw DocumentException.unsupported(detailType.path(), "is \"" + detailType.text() + "\"; only "
                    + "EventBridge events with detail-type \"GuardDuty Finding\" are findings");
        }
        Field detail = document.get("detail").object();
        if (!detail.isPresent()) {
            throw DocumentException.invalid(detail.path(), "is required in a GuardDuty Finding event");
        }
        return detail;
    }

    private static void remoteIp(Members m, Field details, Direction direction, Draft alert) {
        Field v4 = m.get(details, "IpAddressV4");
        Field v6 = m.get(details, "IpAddressV6");
        alert.ip(v4.text(), direction, v4).ip(v6.text(), direction, v6);
        Field organization = m.get(details, "Organization");
        alert.attribute("remoteIpDetails.organization.asn", m.get(organization, "Asn"))
                .attribute("remoteIpDetails.organization.asnOrg", m.get(organization, "AsnOrg"))
                .attribute("remoteIpDetails.country.countryName", m.get(m.get(details, "Country"), "CountryName"));
    }

    private static Direction direction(String connectionDirection) {
        if (connectionDirection == null) {
            return Direction.UNKNOWN;
        }
        return switch (connectionDirection.toUpperCase(Locale.ROOT)) {
            case "INBOUND" -> Direction.INBOUND;
            case "OUTBOUND" -> Direction.OUTBOUND;
            default -> Direction.UNKNOWN;
        };
    }

    /**
     * GuardDuty's documented bands: 1.0–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical. Values from 0.1
     * to below 1.0 (allowed by the API, never named by GuardDuty) count as low.
     */
    static Severity severity(Field severity) {
        Double value = severity.number();
        if (value == null) {
            throw DocumentException.invalid(severity.path(), "is required");
        }
        if (value <= 0 || value > 10) {
            throw DocumentException.invalid(severity.path(), "must be a GuardDuty severity from 0.1 to 10.0");
        }
        return value >= 9.0 ? Severity.CRITICAL : value >= 7.0 ? Severity.HIGH : value >= 4.0 ? Severity.MEDIUM
                : Severity.LOW;
    }

    /**
     * From the finding type {@code ThreatPurpose:ResourceType/ThreatFamilyName.DetectionMechanism!Artifact}: a
     * family naming C&amp;C activity or exfiltration decides; otherwise the threat purpose.
     */
    static Optional<Category> category(String findingType) {
        int colon = findingType.indexOf(':');
        String family = findingType.substring(findingType.indexOf('/') + 1);
        if (family.contains("C&C")) {
            return Optional.of(Category.COMMAND_AND_CONTROL);
        }
        if (family.toLowerCase(Locale.ROOT).contains("exfiltration")) {
            return Optional.of(Category.EXFILTRATION);
        }
        String purpose = colon > 0 ? findingType.substring(0, colon) : findingType;
        return Optional.ofNullable(PURPOSES.get(purpose.toLowerCase(Locale.ROOT)));
    }

    /** Reads a member in the document's spelling: {@code Resource} (console, CLI) or {@code resource} (API, EventBridge). */
    private record Members(boolean camelCase) {

        Field get(Field parent, String pascalName) {
            String camelName = Character.toLowerCase(pascalName.charAt(0)) + pascalName.substring(1);
            return camelCase ? parent.any(camelName, pascalName) : parent.any(pascalName, camelName);
        }
    }
}
