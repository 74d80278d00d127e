package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building a {@link Ruleset} from folders: the version digest, the errors that stop a build, and assessments from many
 * threads. Each test works on its own copy of the shipped files in a temporary folder, broken in one place.
 */
class RulesetTest {

    private static final Path SHIPPED_RULES = Path.of("rules");
    private static final Path SHIPPED_DMN = ShippedTables.DMN_DIR;

    /** A test-only rule that makes the alert's confidence its score, so a test can reach every risk level. */
    private static final String CONFIDENCE_RULE = """
            package rules;

            import dev.arbiter.engine.AlertFact;
            import dev.arbiter.engine.RiskFactor;

            rule "Test: confidence is the score"
            when
                AlertFact($confidence : confidence)
            then
                insert(new RiskFactor(drools.getRule().getName(), $confidence, "confidence " + $confidence));
            end
            """;

    /** A rule on a fact type that does not exist: the rule compiler refuses it, naming the type. */
    private static final String RULE_ON_UNKNOWN_TYPE = """
            package rules;

            import dev.arbiter.engine.RiskFactor;

            rule "Rule on a fact nobody inserts"
            when
                PrinterFact(color == "red")
            then
                insert(new RiskFactor(drools.getRule().getName(), 5, "red printer"));
            end
            """;

    @TempDir
    Path dir;

    @Test
    void versionIsSha256OfTheFilesAndTheSameForTheSameFiles() throws IOException {
        Path copy = copyShipped(dir.resolve("a"));
        Path sameFiles = copyShipped(dir.resolve("b"));

        Ruleset ruleset = load(copy);

        assertThat(ruleset.version()).matches("sha256:[0-9a-f]{64}");
        assertThat(ruleset.version()).isEqualTo(read(sameFiles).version());
    }

    @Test
    void versionChangesWhenOneByteOfARuleOrTableChanges() throws IOException {
        Path copy = copyShipped(dir);
        String original = read(copy).version();

        for (Path file : List.of(firstFile(copy.resolve("rules"), ".drl"), copy.resolve("dmn/priority.dmn"))) {
            byte[] bytes = Files.readAllBytes(file);
            int middle = bytes.length / 2;
            while (bytes[middle] < 'a' || bytes[middle] > 'z') {
                middle++;
            }
            byte before = bytes[middle];
            bytes[middle] = (byte) (before == 'x' ? 'y' : 'x');
            Files.write(file, bytes);

            assertThat(read(copy).version()).as("after changing byte %d of %s", middle, file.getFileName()).isNotEqualTo(original);

            bytes[middle] = before;
            Files.write(file, bytes);
            assertThat(read(copy).version()).as("after restoring %s", file.getFileName()).isEqualTo(original);
        }
    }

    @Test
    void versionChangesWhenAFileIsRenamed() throws IOException {
        Path copy = copyShipped(dir);
        String original = read(copy).version();

        Files.move(copy.resolve("dmn/priority.dmn"), copy.resolve("dmn/priorities.dmn"));

        assertThat(read(copy).version()).isNotEqualTo(original);
    }

    @Test
    void refusesDrlSyntaxErrorNamingFileLineAndMessage() throws IOException {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/broken.drl"), """
                package rules;

                import dev.arbiter.engine.HostFact;

                rule "Broken rule"
                when
                    HostFact(criticality == )
                then
                end
                """);

        RulesetProblem problem = singleProblemAbout(copy, "broken.drl");

        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).isNotBlank();
    }

    @Test
    void refusesRuleOnUnknownFactTypeNamingFileAndType() throws IOException {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/unknown-type.drl"), RULE_ON_UNKNOWN_TYPE);

        RulesetProblem problem = singleProblemAbout(copy, "unknown-type.drl");

        assertThat(problem.message()).contains("PrinterFact");
    }

    @Test
    void refusesMalformedDmnXmlNamingFileAndLine() throws IOException {
        Path copy = copyShipped(dir);
        Path priority = copy.resolve("dmn/priority.dmn");
        replace(priority, "<dmn:text>&lt; 25</dmn:text>", "<dmn:text>< 25</dmn:text>");

        RulesetProblem problem = singleProblemAbout(copy, "priority.dmn");

        assertThat(problem.line()).as("line of %s", problem).isEqualTo(lineContaining(priority, "< 25<"));
        assertThat(problem.message()).isNotBlank();
    }

    @Test
    void refusesDmnWithBadFeelExpressionNamingFile() throws IOException {
        Path copy = copyShipped(dir);
        Path priority = copy.resolve("dmn/priority.dmn");
        breakHighRange(priority);

        RulesetProblem problem = singleProblemAbout(copy, "priority.dmn");

        assertThat(problem.line()).as("line of the broken row")
                .isBetween(lineContaining(priority, "<dmn:rule id=\"level-high\">"), lineContaining(priority, "[50..75<"));
        assertThat(problem.message()).contains("'[50..75'");
    }

    @Test
    void refusesBrokenRuleAndBrokenTableTogetherRulesFirst() throws IOException {
        // one upload broken in a rule and in a table: the author sees both problems at once, rules first
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/unknown-type.drl"), RULE_ON_UNKNOWN_TYPE);
        breakHighRange(copy.resolve("dmn/priority.dmn"));

        List<RulesetProblem> problems = buildFails(copy).problems();

        assertThat(problems).satisfiesExactly(
                rule -> {
                    assertThat(rule.file()).endsWith("unknown-type.drl");
                    assertThat(rule.message()).contains("PrinterFact");
                },
                table -> {
                    assertThat(table.file()).endsWith("priority.dmn");
                    assertThat(table.message()).contains("'[50..75'");
                });
    }

    @Test
    void refusesDmnWhoseDecisionRequiresAMissingInputNamingFile() throws IOException {
        Path copy = copyShipped(dir);
        replace(copy.resolve("dmn/priority.dmn"), """
                  <dmn:inputData id="input-risk-score" name="Risk Score">
                    <dmn:variable id="input-risk-score-var" name="Risk Score" typeRef="number"/>
                  </dmn:inputData>
                """, "");

        RulesetException error = buildFails(copy);

        assertThat(error.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.file()).endsWith("priority.dmn"))
                .anySatisfy(problem -> assertThat(problem.message()).contains("input-risk-score"));
    }

    @Test
    void refusesPriorityModelWithoutAnInputTheEngineSetsNamingFile() throws IOException {
        Path copy = copyShipped(dir);
        Path priority = copy.resolve("dmn/priority.dmn");
        replace(priority, "name=\"Asset Criticality\"", "name=\"Criticality\"");
        replace(priority, "<dmn:text>Asset Criticality</dmn:text>", "<dmn:text>Criticality</dmn:text>");

        RulesetException error = buildFails(copy);

        assertThat(error.problems()).containsExactly(new RulesetProblem("dmn/priority.dmn", 0,
                "model 'arbiter-priority' has no input named 'Asset Criticality'"));
    }

    @Test
    void refusesRulesetWithoutThePriorityModel() throws IOException {
        Path copy = copyShipped(dir);
        Files.delete(copy.resolve("dmn/priority.dmn"));

        RulesetException error = buildFails(copy);

        assertThat(error.problems()).extracting(RulesetProblem::message).containsExactly("no DMN model named 'arbiter-priority'");
    }

    @Test
    void refusesPriorityModelWithoutThePriorityDecisionNamingFile() throws IOException {
        Path copy = copyShipped(dir);
        Path priority = copy.resolve("dmn/priority.dmn");
        replace(priority, "id=\"decision-priority\" name=\"Priority\"", "id=\"decision-priority\" name=\"Urgency\"");
        replace(priority, "id=\"decision-priority-var\" name=\"Priority\"", "id=\"decision-priority-var\" name=\"Urgency\"");

        RulesetException error = buildFails(copy);

        assertThat(error.problems()).containsExactly(new RulesetProblem("dmn/priority.dmn", 0,
                "model 'arbiter-priority' has no decision named 'Priority'"));
    }

    @Test
    void refusesMissingRulesFolderNamingIt() {
        Path missing = dir.resolve("no-such-rules");

        assertThatThrownBy(() -> Ruleset.load(missing, SHIPPED_DMN))
                .isInstanceOfSatisfying(RulesetException.class, error -> assertThat(error.problems())
                        .singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.file()).isEqualTo(missing.toString());
                            assertThat(problem.message()).startsWith("folder not found");
                        }));
    }

    @Test
    void assessesAnAlertThroughBothTables() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        write(rules.resolve("confidence.drl"), CONFIDENCE_RULE);
        Ruleset ruleset = Ruleset.load(rules, SHIPPED_DMN);
        AssessmentInput input = new AssessmentInput(
                alert("malware", 80),
                List.of(host("fin-db-01", "crown-jewel"), host("ws-17", "low")),
                List.of(new UserFact("j.doe", false, false, false, true)),
                List.of(new IpFact("10.0.0.9", "outbound", false, null)),
                List.of(new FileFact("ab".repeat(32), null)),
                List.of(), time(0));

        Assessment assessment = ruleset.assess(input);

        assertThat(assessment.score()).isEqualTo(80);
        assertThat(assessment.level()).isEqualTo("critical");
        assertThat(assessment.priority()).isEqualTo("P1");
        assertThat(assessment.slaMinutes()).isEqualTo(15);
        assertThat(assessment.firedRules()).containsExactly("Test: confidence is the score");
        assertThat(assessment.actions()).containsExactly(
                new ProposedAction("open-ticket", "alert:splunk-es/NE-1", "low", "response-ticket", AUTO_NOTIFICATION),
                new ProposedAction("page-on-call", "alert:splunk-es/NE-1", "low", "response-page", AUTO_NOTIFICATION),
                new ProposedAction("isolate-host", "host:fin-db-01", "high", "response-isolate-host",
                        new ApprovalRequirement("two-approvers", 30, "soc-leads", "approval-isolate-crown-jewel", List.of())),
                new ProposedAction("isolate-host", "host:ws-17", "high", "response-isolate-host",
                        new ApprovalRequirement("one-approver", 60, "soc-leads", "approval-isolate-production", List.of())),
                new ProposedAction("block-hash", "file:" + "ab".repeat(32), "medium", "response-block-hash",
                        new ApprovalRequirement("auto", null, null, "approval-low-medium-impact", List.of())));
        assertThat(assessment.dmn()).containsExactly(
                new DmnTrace("arbiter-priority", "Risk Level", List.of("level-critical")),
                new DmnTrace("arbiter-priority", "Priority", List.of("priority-critical-important")),
                new DmnTrace("arbiter-response", "Response Actions",
                        List.of("response-ticket", "response-page", "response-isolate-host", "response-block-hash")));
        assertThat(assessment.rulesetVersion()).isEqualTo(ruleset.version());
    }

    @Test
    void aVersionThatChangesOnlyRulesReusesTheTablesCompiledBefore() throws IOException {
        Path copy = copyShipped(dir);
        Ruleset before = load(copy);
        write(copy.resolve("rules/confidence.drl"), CONFIDENCE_RULE);
        Ruleset rulesChanged = load(copy);
        Path priority = copy.resolve("dmn/priority.dmn");
        write(priority, Files.readString(priority, StandardCharsets.UTF_8) + "<!-- edited -->\n");
        Ruleset tablesChanged = load(copy);

        assertThat(rulesChanged.version()).isNotEqualTo(before.version());
        assertThat(rulesChanged.dmnRuntime()).isSameAs(before.dmnRuntime());
        assertThat(tablesChanged.dmnRuntime()).isNotSameAs(before.dmnRuntime());
        // the shared runtime records each table's rows once, not once per ruleset built on it
        for (int n = 0; n < 20; n++) {
            AssessmentInput input = variedInput(n);
            List<DmnTrace> shared = rulesChanged.assess(input).dmn();
            assertThat(shared).isNotEmpty().doesNotHaveDuplicates();
            assertThat(shared).isEqualTo(tablesChanged.assess(input).dmn());
        }
    }

    @Test
    void aVersionThatChangesOnlyTablesReusesTheRulesCompiledBefore() throws IOException {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/confidence.drl"), CONFIDENCE_RULE);
        Ruleset before = load(copy);
        Path priority = copy.resolve("dmn/priority.dmn");
        String table = Files.readString(priority, StandardCharsets.UTF_8);
        String criticalElsewhere = "<dmn:outputEntry id=\"priority-critical-other-o1\"><dmn:text>\"P2\"</dmn:text>";
        assertThat(table).contains(criticalElsewhere);
        write(priority, table.replace(criticalElsewhere, criticalElsewhere.replace("P2", "P1")));
        Ruleset tablesChanged = load(copy);
        write(copy.resolve("rules/confidence.drl"),
                CONFIDENCE_RULE.replace("confidence is the score", "confidence counts"));
        Ruleset rulesChanged = load(copy);

        assertThat(tablesChanged.version()).isNotEqualTo(before.version());
        assertThat(tablesChanged.kieBase()).isSameAs(before.kieBase());
        assertThat(tablesChanged.sessions()).isSameAs(before.sessions());
        assertThat(rulesChanged.kieBase()).isNotSameAs(before.kieBase());
        assertThat(rulesChanged.ruleNames()).contains("Test: confidence counts")
                .doesNotContain("Test: confidence is the score");
        // assessed in turn on the shared rules, each ruleset still decides with its own tables
        int raised = 0;
        for (int n = 0; n < 200; n++) {
            AssessmentInput input = variedInput(n);
            Assessment old = before.assess(input);
            Assessment edited = tablesChanged.assess(input);
            assertThat(edited.score()).isEqualTo(old.score());
            assertThat(edited.factors()).usingRecursiveFieldByFieldElementComparator().isEqualTo(old.factors());
            assertThat(edited.firedRules()).isEqualTo(old.firedRules());
            if (!edited.priority().equals(old.priority())) {
                assertThat(old.priority()).as("input %d", n).isEqualTo("P2");
                assertThat(edited.priority()).as("input %d", n).isEqualTo("P1");
                assertThat(edited.level()).as("input %d", n).isEqualTo("critical");
                raised++;
            }
        }
        assertThat(raised).as("inputs the edited row raises").isPositive();
    }

    @Test
    void buildsOfTheSameFilesAtOnceEndUpSharingOneCompiledRulesAndTables() throws Exception {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/confidence.drl"), CONFIDENCE_RULE.replace("confidence is the score", "built twice"));
        Path priority = copy.resolve("dmn/priority.dmn");
        write(priority, Files.readString(priority, StandardCharsets.UTF_8) + "<!-- built twice -->\n");
        RulesetSource source = read(copy);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Ruleset>> builds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                builds.add(pool.submit(() -> {
                    start.await();
                    return Ruleset.build(source);
                }));
            }
            start.countDown();
            Ruleset first = builds.get(0).get(5, TimeUnit.MINUTES);
            Ruleset second = builds.get(1).get(5, TimeUnit.MINUTES);
            assertThat(second.kieBase()).isSameAs(first.kieBase());
            assertThat(second.sessions()).isSameAs(first.sessions());
            assertThat(second.dmnRuntime()).isSameAs(first.dmnRuntime());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsNoCompiledRulesThatNoRulesetUses() throws IOException {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/confidence.drl"), CONFIDENCE_RULE.replace("confidence is the score", "used once"));
        WeakReference<Object> rules = new WeakReference<>(load(copy).kieBase());
        // the ruleset is gone; what it was built from goes with it once collected, however many builds came since
        for (int i = 0; i < 50 && rules.get() != null; i++) {
            System.gc();
        }
        assertThat(rules.get()).as("the rules of a ruleset no longer used").isNull();
    }

    private static final ApprovalRequirement AUTO_NOTIFICATION =
            new ApprovalRequirement("auto", null, null, "approval-notifications", List.of());

    @Test
    void assessesFromManyThreadsAsItDoesSequentially() throws Exception {
        Path copy = copyShipped(dir);
        write(copy.resolve("rules/confidence.drl"), CONFIDENCE_RULE);
        Ruleset ruleset = load(copy);
        int threads = 8;
        int perThread = 200;
        List<AssessmentInput> inputs = IntStream.range(0, perThread).mapToObj(RulesetTest::variedInput).toList();
        List<Assessment> expected = inputs.stream().map(ruleset::assess).toList();
        assertThat(expected).extracting(Assessment::priority).as("inputs reach every priority").contains("P1", "P2", "P3", "P4");

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Assessment>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread / threads;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Assessment> assessments = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        assessments.add(ruleset.assess(inputs.get((offset + i) % perThread)));
                    }
                    return assessments;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread / threads;
                List<Assessment> actual = results.get(t).get(5, TimeUnit.MINUTES);
                for (int i = 0; i < perThread; i++) {
                    int index = (offset + i) % perThread;
                    assertThat(actual.get(i)).as("thread %d, input %d", t, index)
                            .usingRecursiveComparison().isEqualTo(expected.get(index));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Input number {@code n}: varies category, confidence, hosts and their criticality, users, addresses and files. */
    private static AssessmentInput variedInput(int n) {
        List<String> categories = List.of("malware", "phishing", "credential-access", "lateral-movement", "exfiltration",
                "command-and-control", "privilege-escalation", "vulnerability", "policy-violation", "reconnaissance", "other");
        List<String> criticalities = List.of("crown-jewel", "high", "medium", "low", "unknown");
        List<HostFact> hosts = new ArrayList<>();
        if (n % 3 != 0) {
            hosts.add(host("host-" + n, criticalities.get(n % criticalities.size())));
        }
        if (n % 5 == 0) {
            hosts.add(host("db-" + n, criticalities.get((n / 5) % criticalities.size())));
        }
        List<UserFact> users = n % 2 == 0 ? List.of(new UserFact("user-" + n, n % 4 == 0, false, false, true)) : List.of();
        List<IpFact> ips = n % 4 == 3 ? List.of() : List.of(new IpFact("203.0.113." + (n % 250), "outbound", n % 4 != 1, null));
        List<FileFact> files = n % 7 == 0 ? List.of(new FileFact(String.format("%064x", n), null)) : List.of();
        return new AssessmentInput(alert(categories.get(n % categories.size()), (n * 37) % 101),
                hosts, users, ips, files, List.of(), time(n));
    }

    private static AlertFact alert(String category, int confidence) {
        return new AlertFact("splunk-es", "NE-1", "Test alert", category, "high", confidence,
                Instant.parse("2026-11-28T02:14:00Z"), Set.of(), Set.of(), Map.of());
    }

    private static HostFact host(String hostname, String criticality) {
        return new HostFact(hostname, null, criticality, "production", "small", !criticality.equals("unknown"));
    }

    private static DecisionTime time(int hours) {
        return DecisionTime.of(Instant.parse("2026-11-28T03:00:00Z").plusSeconds(3600L * hours), ZoneId.of("Europe/Berlin"));
    }

    private RulesetProblem singleProblemAbout(Path copy, String fileName) {
        RulesetException error = buildFails(copy);
        assertThat(error.problems()).as("problems").singleElement()
                .satisfies(problem -> assertThat(problem.file()).endsWith(fileName));
        return error.problems().get(0);
    }

    private static RulesetException buildFails(Path copy) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(copy));
        assertThat(thrown).isInstanceOf(RulesetException.class);
        return (RulesetException) thrown;
    }

    private static Ruleset load(Path copy) {
        return Ruleset.load(copy.resolve("rules"), copy.resolve("dmn"));
    }

    private static RulesetSource read(Path copy) {
        return RulesetSource.read(copy.resolve("rules"), copy.resolve("dmn"));
    }

    /** Copies the shipped rules and tables to {@code target/rules} and {@code target/dmn}. */
    private static Path copyShipped(Path target) throws IOException {
        copyFolder(SHIPPED_RULES, target.resolve("rules"));
        copyFolder(SHIPPED_DMN, target.resolve("dmn"));
        return target;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    Files.copy(file, to.resolve(file.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Path firstFile(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().findFirst().orElseThrow();
        }
    }

    /** The 1-based number of the first line containing the text. */
    private static int lineContaining(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(text)).findFirst().orElseThrow() + 1;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Leaves the high row's range unclosed: a FEEL syntax error in one row of the priority table. */
    private static void breakHighRange(Path priority) throws IOException {
        replace(priority, "<dmn:text>[50..75)</dmn:text>", "<dmn:text>[50..75</dmn:text>");
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(content).as("%s before the edit", file.getFileName()).contains(from);
        write(file, content.replace(from, to));
    }
}
