package dev.arbiter.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.engine.AlertFact;
import dev.arbiter.engine.AssessmentInput;
import dev.arbiter.engine.DecisionTime;
import dev.arbiter.engine.EntityHistoryFact;
import dev.arbiter.engine.FileFact;
import dev.arbiter.engine.HostFact;
import dev.arbiter.engine.IpFact;
import dev.arbiter.engine.UserFact;
import dev.arbiter.engine.VulnerabilityFact;

/**
 * The benchmark corpus (bench/corpus.py) as engine inputs: each valid alert with the facts the context feature would
 * find for it in the generated inventory — assets, identities, indicators, the project's KEV/EPSS/SSVC fixtures for
 * CVEs, and entity history that grows as entities repeat through the corpus.
 */
final class Corpus {

    private Corpus() {
    }

    static List<AssessmentInput> load(Path dir) {
        try {
            Map<String, String[]> assets = new HashMap<>();
            for (String[] row : csv(dir.resolve("assets.csv"))) {
                assets.put(row[1].toLowerCase(), row);
            }
            Map<String, String[]> identities = new HashMap<>();
            for (String[] row : csv(dir.resolve("identities.csv"))) {
                identities.put(row[1].toLowerCase(), row);
            }
            Set<String> indicators = new HashSet<>();
            for (String[] row : csv(dir.resolve("indicators.csv"))) {
                indicators.add(row[1]);
            }
            ObjectMapper json = new ObjectMapper();
            Map<String, Integer> seen = new HashMap<>();
            Instant now = Instant.now();
            DecisionTime time = new DecisionTime(now, ZoneOffset.UTC, LocalTime.of(8, 0), LocalTime.of(18, 0));
            List<AssessmentInput> inputs = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(dir.resolve("corpus.tsv"))) {
                if (!line.startsWith("2xx\t")) {
                    continue;
                }
                JsonNode a = json.readTree(line.substring(4).replace("@ID@", "jmh-" + n++));
                inputs.add(input(a, assets, identities, indicators, seen, time));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AssessmentInput input(JsonNode a, Map<String, String[]> assets, Map<String, String[]> identities,
                                         Set<String> indicators, Map<String, Integer> seen, DecisionTime time) {
        Set<String> tactics = new LinkedHashSet<>();
        Set<String> techniques = new LinkedHashSet<>();
        a.path("mitre").path("tactics").forEach(t -> tactics.add(t.asText()));
        a.path("mitre").path("techniques").forEach(t -> techniques.add(t.asText()));
        Map<String, String> attributes = new LinkedHashMap<>();
        a.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        AlertFact alert = new AlertFact(a.get("source").asText(), a.get("externalId").asText(), a.get("title").asText(),
                a.get("category").asText(), a.get("severity").asText(), a.path("confidence").asInt(50),
                Instant.parse(a.get("occurredAt").asText()), tactics, techniques, attributes);
        JsonNode entities = a.path("entities");
        List<HostFact> hosts = new ArrayList<>();
        List<EntityHistoryFact> history = new ArrayList<>();
        for (JsonNode h : entities.path("hosts")) {
            String name = h.get("hostname").asText();
            String[] asset = assets.get(name.toLowerCase());
            hosts.add(asset != null
                    ? new HostFact(name, asset[2], asset[3], asset[4], asset[5], true)
                    : new HostFact(name, h.path("ip").asText(null), null, null, null, false));
            history.add(history("host", name, seen));
        }
        List<UserFact> users = new ArrayList<>();
        for (JsonNode u : entities.path("users")) {
            String name = u.get("name").asText();
            String[] identity = identities.get(name.toLowerCase());
            users.add(identity != null
                    ? new UserFact(name, Boolean.parseBoolean(identity[2]), Boolean.parseBoolean(identity[3]),
                    Boolean.parseBoolean(identity[4]), true)
                    : new UserFact(name, false, false, false, false));
            history.add(history("user", name, seen));
        }
        List<IpFact> ips = new ArrayList<>();
        for (JsonNode ip : entities.path("ips")) {
            String address = ip.get("address").asText();
            ips.add(new IpFact(address, ip.path("direction").asText(null), !address.startsWith("10."),
                    indicators.contains(address) ? "bench-feed" : null));
        }
        List<FileFact> files = new ArrayList<>();
        for (JsonNode f : entities.path("files")) {
            String sha = f.get("sha256").asText();
            files.add(new FileFact(sha, indicators.contains(sha) ? "bench-feed" : null));
        }
        List<VulnerabilityFact> vulnerabilities = new ArrayList<>();
        for (JsonNode cve : entities.path("cves")) {
            vulnerabilities.add(vulnerability(cve.asText()));
        }
        return new AssessmentInput(alert, hosts, users, ips, files, history, time, vulnerabilities);
    }

    private static EntityHistoryFact history(String kind, String entity, Map<String, Integer> seen) {
        int prior = seen.merge(kind + ":" + entity, 1, Integer::sum) - 1;
        int window = Math.min(prior, 40);
        return new EntityHistoryFact(kind, entity, window, 24, window * 12, 24);
    }

    /** What the project's fixtures (src/test/resources/vulnerabilities) say about a CVE, as the service would load it. */
    private static VulnerabilityFact vulnerability(String cve) {
        return switch (cve) {
            case "CVE-2021-44228" -> new VulnerabilityFact(cve, true, LocalDate.of(2021, 12, 10), "Known", 0.94358, 0.9995,
                    LocalDate.of(2026, 11, 27), "active", "yes", "total");
            case "CVE-2023-4966" -> new VulnerabilityFact(cve, true, LocalDate.of(2023, 10, 18), "Known", 0.94269, 0.9993,
                    LocalDate.of(2026, 11, 27), null, null, null);
            case "CVE-2024-3400" -> new VulnerabilityFact(cve, true, LocalDate.of(2024, 4, 12), "Unknown", 0.9412, 0.9991,
                    LocalDate.of(2026, 11, 27), "active", "yes", "total");
            case "CVE-2026-10001" -> new VulnerabilityFact(cve, false, null, null, null, null, null, "public poc", "no", "partial");
            default -> new VulnerabilityFact(cve, false, null, null, null, null, null, null, null, null);
        };
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }
}
