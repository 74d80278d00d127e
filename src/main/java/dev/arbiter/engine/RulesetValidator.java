package dev.arbiter.engine;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.HitPolicy;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

/**
 * Validates a bundle without activating anything: builds the ruleset (DRL and DMN compile errors with file, line or
 * element), analyses every decision table with kie-dmn's validator (gaps and overlaps), and runs the scenarios.
 *
 * <p>What blocks activation: a compile error, a failing or unreadable scenario, and a gap in a single-hit table
 * (UNIQUE, ANY, FIRST, PRIORITY): Arbiter needs an answer from such a table for every input, and an input
 * combination no row covers would fail the alert's assessment at run time. An overlap in a UNIQUE table is an
 * error too (kie-dmn reports it as one). Everything else the analysis says is a warning: gaps in multi-hit (COLLECT)
 * tables mean "no action", overlaps in FIRST tables are how FIRST works.
 */
public final class RulesetValidator {

    private static final Set<HitPolicy> SINGLE_HIT = EnumSet.of(HitPolicy.UNIQUE, HitPolicy.ANY, HitPolicy.FIRST, HitPolicy.PRIORITY);

    private static final Set<DMNMessageType> FINDINGS = EnumSet.of(DMNMessageType.DECISION_TABLE_GAP,
            DMNMessageType.DECISION_TABLE_OVERLAP, DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE,
            DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_ANY, DMNMessageType.DECISION_TABLE_MASKED_RULE,
            DMNMessageType.DECISION_TABLE_MISLEADING_RULE, DMNMessageType.DECISION_TABLE_SUBSUMPTION_RULE);
    private static final Pattern UNKNOWN_CLASS = Pattern.compile("Unable to find class: ([\\w.$]+)");
    private static DMNValidator validator;
    /** The analysis of a table file depends on its name and content only, and takes seconds: the last few are kept. */
    private static final Map<String, Analysis> ANALYSED = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            return size() > 32;
        }
    });

    private record Analysis(List<RulesetProblem> errors, List<RulesetProblem> warnings) {
    }

    private RulesetValidator() {
    }

    /** Validates the bundle; never throws for a problem in its files. */
    public static ValidationReport validate(RulesetBundle bundle) {
        return validate(bundle, null);
    }

    /**
     * Validates the bundle, reusing {@code compiled} when it is this bundle's version already built (a rollback or a
     * promotion need not compile again; the scenarios still run).
     */
    public static ValidationReport validate(RulesetBundle bundle, Ruleset compiled) {
        List<RulesetProblem> errors = new ArrayList<>();
        List<RulesetProblem> warnings = new ArrayList<>();
        Ruleset ruleset = null;
        if (compiled != null && compiled.version().equals(bundle.version())) {
            ruleset = compiled;
        } else {
            try {
                ruleset = Ruleset.build(bundle.source());
            } catch (RulesetException e) {
                e.problems().forEach(p -> errors.add(locate(p, bundle.source())));
            }
        }
        analyseTables(bundle.source(), errors, warnings);
        List<ScenarioResult> results = List.of();
        List<ScenarioRunner.Loaded> scenarios = List.of();
        try {
            scenarios = ScenarioRunner.load(bundle.scenarios());
        } catch (RulesetException e) {
            errors.addAll(e.problems());
        }
        if (ruleset != null) {
            results = ScenarioRunner.run(ruleset, scenarios);
            results.forEach(r -> errors.addAll(r.problems()));
        }
        return new ValidationReport(bundle.version(), errors, warnings, results, ruleset);
    }

    /**
     * Builds kie-dmn's analyser and analyses the source's table files, as the first validation would otherwise have to
     * before it can answer (about a second on a fast machine, more under load). A validation started meanwhile
     * waits for the analyser instead of building another, and reuses each analysis of the same file.
     */
    public static void prepare(RulesetSource source) {
        analyseTables(source, new ArrayList<>(), new ArrayList<>());
    }

    /** Whether every table file of the source has an analysis that a validation would reuse. */
    public static boolean analysed(RulesetSource source) {
        return source.tableFiles().entrySet().stream().allMatch(file -> ANALYSED.containsKey(analysisKey(file)));
    }

    /**
     * The executable-model compiler reports an unknown type without a line; the first line of the file that names the
     * type is where the author has to look.
     */
    private static RulesetProblem locate(RulesetProblem problem, RulesetSource source) {
        Matcher unknown = UNKNOWN_CLASS.matcher(problem.message());
        String text = source.files().get(problem.file());
        if (problem.line() > 0 || text == null || !unknown.find()) {
            return problem;
        }
        Pattern word = Pattern.compile("\\b" + Pattern.quote(unknown.group(1)) + "\\b");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (word.matcher(lines[i]).find()) {
                return new RulesetProblem(problem.file(), i + 1, problem.message());
            }
        }
        return problem;
    }

    /** kie-dmn's decision-table analysis of each table file that is well-formed enough to analyse. */
    private static void analyseTables(RulesetSource source, List<RulesetProblem> errors, List<RulesetProblem> warnings) {
        synchronized (RulesetValidator.class) {
            if (validator == null) {
                validator = DMNValidatorFactory.newValidator(); // builds the analyser's own rule base: seconds, so once
            }
        }
        Set<RulesetProblem> errorSet = new LinkedHashSet<>();
        Set<RulesetProblem> warningSet = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : source.tableFiles().entrySet()) {
            String key = analysisKey(file);
            Analysis analysis = ANALYSED.get(key);
            if (analysis == null) {
                List<RulesetProblem> blocking = new ArrayList<>();
                List<RulesetProblem> findings = new ArrayList<>();
                try {
                    for (DMNMessage message : analyse(new StringReader(file.getValue()))) {
                        RulesetProblem problem = new RulesetProblem(file.getKey(), Math.max(message.getLine(), 0), describe(message));
                        if (blocks(message)) {
                            blocking.add(problem);
                        } else if (isFinding(message)) {
                            findings.add(problem);
                        }
                    }
                } catch (RuntimeException e) {
                    findings.add(new RulesetProblem(file.getKey(), 0, "decision tables not analysed: " + e.getMessage()));
                }
                analysis = new Analysis(blocking, findings);
                ANALYSED.put(key, analysis);
            }
            errorSet.addAll(analysis.errors());
            warningSet.addAll(analysis.warnings());
        }
        errors.addAll(errorSet);
        warnings.addAll(warningSet);
    }

    private static String analysisKey(Map.Entry<String, String> file) {
        return file.getKey() + "\u0000" + file.getValue();
    }

    private static synchronized List<DMNMessage> analyse(StringReader reader) {
        return validator.validate(reader, DMNValidator.Validation.ANALYZE_DECISION_TABLE);
    }

    private static boolean blocks(DMNMessage message) {
        if (message.getMessageType() == DMNMessageType.DECISION_TABLE_GAP) {
            return message.getSourceReference() instanceof DecisionTable table && SINGLE_HIT.contains(table.getHitPolicy())
                    && text(message).contains("Gap detected");
        }
        if (message.getMessageType() == DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE) {
            return true;
        }
        // analysis findings at ERROR level that are not the above (e.g. a table the analyser cannot read) stay warnings:
        // compile errors of the same file come from the build
        return false;
    }

    /** Gaps, overlaps and rules that hide one another; normal-form and contraction advice is left out as noise. */
    private static boolean isFinding(DMNMessage message) {
        return FINDINGS.contains(message.getMessageType()) && !text(message).contains("analysis skipped");
    }

    private static String text(DMNMessage message) {
        return message.getText() != null ? message.getText() : String.valueOf(message.getMessage());
    }

    private static String describe(DMNMessage message) {
        String text = text(message);
        String where = message.getSourceReference() instanceof DecisionTable table
                ? " (decision table " + table.getId() + ", hit policy " + table.getHitPolicy() + ")"
                : message.getSourceId() != null ? " (element " + message.getSourceId() + ")" : "";
        return text + where;
    }
}
