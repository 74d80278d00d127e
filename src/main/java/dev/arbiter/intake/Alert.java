package dev.arbiter.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The canonical alert every source is mapped to (see DESIGN.md). Required: source, externalId, title, category,
 * severity, occurredAt. Confidence defaults to 50 when absent. {@code callbackUrl}, when given, receives the
 * decision's changes (see the dispatch feature).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        @NotBlank @Size(max = 200) String source,
        @NotBlank @Size(max = 200) String externalId,
        @NotBlank @Size(max = 500) String title,
        @NotNull Category category,
        @NotNull Severity severity,
        @Min(0) @Max(100) Integer confidence,
        @NotNull Instant occurredAt,
        @Valid Mitre mitre,
        @Valid Entities entities,
        Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 2000) String> attributes,
        @Size(max = 2000) @HttpUrl String callbackUrl) {

    public static final int DEFAULT_CONFIDENCE = 50;

    /** An alert without a callback URL. */
    public Alert(String source, String externalId, String title, Category category, Severity severity, Integer confidence,
                 Instant occurredAt, Mitre mitre, Entities entities, Map<String, String> attributes) {
        this(source, externalId, title, category, severity, confidence, occurredAt, mitre, entities, attributes, null);
    }

    public int confidenceOrDefault() {
        return confidence != null ? confidence : DEFAULT_CONFIDENCE;
    }

    public Mitre mitreOrEmpty() {
        return mitre != null ? mitre : new Mitre(List.of(), List.of());
    }

    public Entities entitiesOrEmpty() {
        return entities != null ? entities : new Entities(null, null, null, null, null);
    }

    public Map<String, String> attributesOrEmpty() {
        return attributes != null ? attributes : Map.of();
    }

    /** What kind of activity the alert reports. */
    public enum Category {
        MALWARE, PHISHING, CREDENTIAL_ACCESS, LATERAL_MOVEMENT, EXFILTRATION, COMMAND_AND_CONTROL,
        PRIVILEGE_ESCALATION, VULNERABILITY, POLICY_VIOLATION, RECONNAISSANCE, OTHER;

        @JsonValue
        public String wireName() {
            return WireNames.of(this);
        }

        @JsonCreator
        static Category fromWire(String value) {
            return WireNames.parse(Category.class, value);
        }
    }

    /** The detector's own severity. */
    public enum Severity {
        INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

        @JsonValue
        public String wireName() {
            return WireNames.of(this);
        }

        @JsonCreator
        static Severity fromWire(String value) {
            return WireNames.parse(Severity.class, value);
        }
    }

    /** ATT&CK tactic ids ({@code TA0002}) and technique ids ({@code T1059} or {@code T1059.001}). */
    public record Mitre(
            @Size(max = 20) List<@NotNull @Pattern(regexp = "TA\\d{4}", message = "must be an ATT&CK tactic id such as TA0002") String> tactics,
            @Size(max = 50) List<@NotNull @Pattern(regexp = "T\\d{4}(\\.\\d{3})?", message = "must be an ATT&CK technique id such as T1059.001") String> techniques) {

        public List<String> tacticsOrEmpty() {
            return tactics != null ? tactics : List.of();
        }

        public List<String> techniquesOrEmpty() {
            return techniques != null ? techniques : List.of();
        }
    }

    /** A domain name: dot-separated labels of letters, digits, '-' and '_', optionally ending in a dot. */
    public static final String DOMAIN_PATTERN =
            "([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?";
    /** An absolute http or https URL with a host. */
    public static final String URL_PATTERN = "(?i)https?://[^\\s/?#]+[^\\s]*";
    public static final int MAX_URL_LENGTH = 2048;

    /** The things the alert is about. Every list is optional. */
    public record Entities(
            List<@NotNull @Valid Host> hosts,
            List<@NotNull @Valid User> users,
            List<@NotNull @Valid Ip> ips,
            List<@NotNull @Valid File> files,
            List<@NotNull @Pattern(regexp = "CVE-\\d{4}-\\d{4,}", message = "must be a CVE id such as CVE-2021-44228") String> cves,
            List<@NotNull @Size(min = 1, max = 253) @Pattern(regexp = DOMAIN_PATTERN, message = "must be a domain name such as evil.example") String> domains,
            List<@NotNull @Size(max = MAX_URL_LENGTH) @Pattern(regexp = URL_PATTERN, message = "must be an absolute http or https URL") String> urls) {

        /** Entities without domains or URLs. */
        public Entities(List<Host> hosts, List<User> users, List<Ip> ips, List<File> files, List<String> cves) {
            this(hosts, users, ips, files, cves, null, null);
        }

        public List<Host> hostsOrEmpty() {
            return hosts != null ? hosts : List.of();
        }

        public List<User> usersOrEmpty() {
            return users != null ? users : List.of();
        }

        public List<Ip> ipsOrEmpty() {
            return ips != null ? ips : List.of();
        }

        public List<File> filesOrEmpty() {
            return files != null ? files : List.of();
        }

        public List<String> cvesOrEmpty() {
            return cves != null ? cves : List.of();
        }

        public List<String> domainsOrEmpty() {
            return domains != null ? domains : List.of();
        }

        public List<String> urlsOrEmpty() {
            return urls != null ? urls : List.of();
        }

        /** All entities, for the size limit. */
        public int count() {
            return hostsOrEmpty().size() + usersOrEmpty().size() + ipsOrEmpty().size() + filesOrEmpty().size()
                    + cvesOrEmpty().size() + domainsOrEmpty().size() + urlsOrEmpty().size();
        }
    }

    /** A host: at least one of hostname and ip. */
    public record Host(
            @Size(min = 1, max = 253) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be a host name (letters, digits, '.', '-', '_')") String hostname,
            @IpAddress String ip) {
    }

    /** An account. */
    public record User(@NotBlank @Size(max = 256) String name) {
    }

    /** An IP address and, when known, the direction of the traffic relative to the organisation. */
    public record Ip(@NotNull @IpAddress String address, Direction direction) {

        public Direction directionOrUnknown() {
            return direction != null ? direction : Direction.UNKNOWN;
        }
    }

    /** Traffic direction relative to the organisation. */
    public enum Direction {
        INBOUND, OUTBOUND, INTERNAL, UNKNOWN;

        @JsonValue
        public String wireName() {
            return WireNames.of(this);
        }

        @JsonCreator
        static Direction fromWire(String value) {
            return WireNames.parse(Direction.class, value);
        }
    }

    /** A file, by hash: at least one of SHA-256 and MD5. */
    public record File(@Pattern(regexp = "[A-Fa-f0-9]{64}", message = "must be 64 hexadecimal digits (SHA-256)") String sha256,
                       @Pattern(regexp = "[A-Fa-f0-9]{32}", message = "must be 32 hexadecimal digits (MD5)") String md5) {

        /** A file known by its SHA-256 only. */
        public File(String sha256) {
            this(sha256, null);
        }

        /** The strongest hash given, in lower case: what fingerprints and action targets name the file by. */
        public String key() {
            return (sha256 != null ? sha256 : md5).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
