package dev.arbiter.jmh;



import java.nio.file.Path;

import java.util.Map;
import java.util.TreeMap;

import dev.arbiter.engine.RulesetSource;

/**
 * Rulesets grown from the shipped one for the cost-growth and activation benchmarks: {@code rules} generated risk
 * rules added to the shipped rules (five shapes, as real rules are written: alert fields, joins with host, account and
 * IP facts, techniques), and the priority table padded with rows that never match to {@code tableRows} rows.
 *
 * <p>A generated rule fires as often as a real one and inserts a {@link dev.arbiter.engine.RiskFactor} like one, but
 * worth 0 points: the service's cost-growth phase activates these rulesets over the API, and activation runs the
 * shipped scenario tests, which assert exact scores; factors with points moved those scores and got every grown
 * ruleset refused. With 0 points every alert is still matched against every generated rule and gets its factors,
 * while scores, priorities and actions stay those of the shipped ruleset, so the engine and the service measure the
 * same rules and the service stores the same decisions at every step.
 */
final class Generated {

    private static final String[] CATEGORIES = {"malware", "phishing", "credential-access", "lateral-movement",
            "exfiltration", "command-and-control", "privilege-escalation", "vulnerability", "policy-violation",
            "reconnaissance", "other"};
    private static final String[] SEVERITIES = {"informational", "low", "medium", "high", "critical"};
    private static final String[] CRITICALITIES = {"crown-jewel", "high", "medium", "low"};
    private static final String[] ENVIRONMENTS = {"production", "staging", "development"};
    private static final String[] SOURCES = {"splunk-es", "sentinel", "crowdstrike", "defender", "elastic", "qradar"};

    private Generated() {
    }

    static RulesetSource source(Path root, int rules, int tableRows) {
        RulesetSource shipped = RulesetSource.read(root.resolve("rules"), root.resolve("dmn"));
        Map<String, String> files = new TreeMap<>(shipped.files());
        if (rules > 0) {
            files.put("rules/generated.drl", rules(rules));
        }
        if (tableRows > 0) {
            files.put("dmn/priority.dmn", padPriority(files.get("dmn/priority.dmn"), tableRows));
        }
        return new RulesetSource(files);
    }

    static String rules(int count) {
        StringBuilder drl = new StringBuilder("""
                package rules.generated;

                import dev.arbiter.engine.AlertFact;
                import dev.arbiter.engine.HostFact;
                import dev.arbiter.engine.UserFact;
                import dev.arbiter.engine.IpFact;
                import dev.arbiter.engine.RiskFactor;

                """);
        for (int i = 0; i < count; i++) {
            String category = CATEGORIES[i % CATEGORIES.length];
            String severity = SEVERITIES[(i / 3) % SEVERITIES.length];
            String when = switch (i % 5) {
                case 0 -> "AlertFact(category == \"" + category + "\", confidence >= " + (20 + i % 70) + ")";
                case 1 -> "HostFact(criticality == \"" + CRITICALITIES[i % 4] + "\", environment == \""
                        + ENVIRONMENTS[i % 3] + "\")\n    AlertFact(severity == \"" + severity + "\")";
                case 2 -> "AlertFact(category == \"" + category + "\", hasTechnique(\"T" + (1000 + i % 600) + "\"))";
                case 3 -> "IpFact(external == true, intelSource != null)\n    AlertFact(source == \""
                        + SOURCES[i % SOURCES.length] + "\", severity == \"" + severity + "\")";
                default -> "UserFact(privileged == true || known == false)\n    AlertFact(category == \"" + category
                        + "\", title.contains(\"" + (char) ('a' + i % 26) + "\"))";
            };
            drl.append("rule \"Generated rule ").append(i).append("\"\nwhen\n    ").append(when)
                    .append("\nthen\n    insert(new RiskFactor(drools.getRule().getName(), 0, \"generated rule ")
                    .append(i).append(" matched\"));\nend\n\n");
        }
        return drl.toString();
    }

    /**
     * The shipped priority model with its Priority table padded to {@code rows} rows: the extra rows, first in the
     * table, ask for an SSVC patch priority no alert has, so they never match and the decisions stay the same, but
     * every evaluation tests them.
     */
    static String padPriority(String dmn, int rows) {
        String table = "<dmn:decisionTable id=\"table-priority\"";
        int start = dmn.indexOf(table);
        int firstRule = dmn.indexOf("<dmn:rule ", start);
        int end = dmn.indexOf("</dmn:decisionTable>", start);
        int existing = countOf(dmn.substring(start, end), "<dmn:rule ");
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < rows - existing; i++) {
            String id = "priority-pad-" + i;
            pad.append("<dmn:rule id=\"").append(id).append("\">")
                    .append("<dmn:inputEntry id=\"").append(id).append("-i1\"><dmn:text>\"")
                    .append(i % 2 == 0 ? "critical" : "high").append("\"</dmn:text></dmn:inputEntry>")
                    .append("<dmn:inputEntry id=\"").append(id).append("-i2\"><dmn:text>-</dmn:text></dmn:inputEntry>")
                    .append("<dmn:inputEntry id=\"").append(id).append("-i3\"><dmn:text>\"pad-").append(i)
                    .append("\"</dmn:text></dmn:inputEntry>")
                    .append("<dmn:outputEntry id=\"").append(id).append("-o1\"><dmn:text>\"P4\"</dmn:text></dmn:outputEntry>")
                    .append("<dmn:outputEntry id=\"").append(id).append("-o2\"><dmn:text>").append(1000 + i)
                    .append("</dmn:text></dmn:outputEntry></dmn:rule>\n");
        }
        return dmn.substring(0, firstRule) + pad + dmn.substring(firstRule);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static Path root() {
        return Path.of(System.getProperty("arbiter.root", "../.."));
    }

    static Path corpus() {
        return Path.of(System.getProperty("arbiter.corpus", "../results/corpus"));
    }

}
