package dev.arbiter.engine;

import java.io.IOException;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.builder.InternalKieBuilder;
import org.kie.internal.builder.conf.ExternaliseCanonicalModelLambdaOption;
import org.kie.internal.io.ResourceFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One compiled, immutable version of the rules and tables: the Drools {@link KieBase}, the {@link DMNRuntime} and
 * the version digest. Built once, shared by every request thread; each assessment opens only a stateless session.
 */
public final class Ruleset {

    private static final String DRL_ROOT = "src/main/resources/";
    /** Drools adds this after every parse error of a file; the parse error itself already says what is wrong. */
    private static final String PARSE_FOLLOW_ON = "Parser returned a null Package";
    /**
     * The compiled rules of the rulesets in use, by the digest of their files: a version that changes only tables
     * reuses the rules of the version before it (which is still live, or kept compiled) instead of compiling them
     * again, and the other way round for tables. A {@link KieBase} does not change once built, and the rules are
     * assessed only in stateless sessions from its one pool, which keep nothing between assessments, so rulesets can
     * share both. Sharing the pool matters: the knowledge base holds on to every session made from it, so a pool per
     * ruleset would pile up the sessions of rulesets no longer used for as long as the rules stay in use.
     */
    private static final InUse<CompiledRules> RULES = new InUse<>();
    /** The same for tables. A runtime does not change once built and is evaluated by many threads at once. */
    private static final InUse<DMNRuntime> TABLES = new InUse<>();

    private final RulesetSource source;
    private final CompiledRules rules;
    private final DMNRuntime dmnRuntime;
    private final Assessor assessor;

    private Ruleset(RulesetSource source, CompiledRules rules, DMNRuntime dmnRuntime) {
        this.source = source;
        this.rules = rules;
        this.dmnRuntime = dmnRuntime;
        this.assessor = new Assessor(this);
    }

    /** A compiled rule base with its names and the one pool of sessions every ruleset built on it assesses with. */
    private record CompiledRules(KieBase kieBase, KieSessionsPool sessions, SortedSet<String> ruleNames) {

        static CompiledRules of(KieBase kieBase) {
            SortedSet<String> names = new TreeSet<>();
            for (KiePackage kiePackage : kieBase.getKiePackages()) {
                for (Rule rule : kiePackage.getRules()) {
                    names.add(rule.getName());
                }
            }
            return new CompiledRules(kieBase, kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()),
                    Collections.unmodifiableSortedSet(names));
        }
    }

    /**
     * The compiled parts of the rulesets still in use, by the digest of the files each was compiled from; safe for
     * concurrent builds. Values are held weakly: a part is kept exactly as long as a ruleset uses it (the live one,
     * the versions kept compiled, a validation under way), so sharing never keeps more in memory than the rulesets
     * themselves do.
     */
    private static final class InUse<V> {

        private final Map<String, WeakReference<V>> byDigest = new HashMap<>();

        /**
         * What a ruleset in use compiled from the same files, or else what {@code compile} makes of them, kept for
         * the next builds; null when {@code compile} gives null (the files do not build). Compiles outside the lock,
         * so builds of other files go on meanwhile.
         */
        V shared(SortedMap<String, String> files, Function<SortedMap<String, String>, V> compile) {
            String digest = new RulesetSource(files).version();
            V built = get(digest);
            if (built != null) {
                return built;
            }
            V compiled = compile.apply(files);
            return compiled != null ? keep(digest, compiled) : null;
        }

        private synchronized V get(String digest) {
            WeakReference<V> kept = byDigest.get(digest);
            return kept != null ? kept.get() : null;
        }

        /** Keeps the value; a build of the same files that finished first wins, so that rulesets share one. */
        private synchronized V keep(String digest, V value) {
            byDigest.values().removeIf(kept -> kept.get() == null);
            V first = get(digest);
            if (first != null) {
                return first;
            }
            byDigest.put(digest, new WeakReference<>(value));
            return value;
        }
    }

    /**
     * Builds a ruleset from the rule and table folders on disk.
     *
     * @throws RulesetException naming file, line and message of every error
     */
    public static Ruleset load(java.nio.file.Path rulesDir, java.nio.file.Path dmnDir) {
        return build(RulesetSource.read(rulesDir, dmnDir));
    }

    /**
     * Builds a ruleset from files keyed {@code rules/…drl} and {@code dmn/…dmn}.
     *
     * @throws RulesetException naming file, line and message of every error
     */
    public static Ruleset build(RulesetSource source) {
        List<RulesetProblem> problems = new ArrayList<>();
        CompiledRules rules = buildRules(source, problems);
        DMNRuntime dmnRuntime = buildTables(source, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        Ruleset ruleset = new Ruleset(source, rules, dmnRuntime);
        ruleset.assessor.checkContract(problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return ruleset;
    }

    private static CompiledRules buildRules(RulesetSource source, List<RulesetProblem> problems) {
        return RULES.shared(source.ruleFiles(), drl -> {
            KieBase kieBase = compileRules(source.version(), drl, problems);
            return kieBase != null ? CompiledRules.of(kieBase) : null;
        });
    }

    private static KieBase compileRules(String version, SortedMap<String, String> drl, List<RulesetProblem> problems) {
        ClassLoader classLoader = Ruleset.class.getClassLoader();
        KieServices kieServices = KieServices.Factory.get();
        KieFileSystem fileSystem = kieServices.newKieFileSystem();
        // a release id of its own per build, so concurrent builds of the same files never share a KieModule
        ReleaseId releaseId = kieServices.newReleaseId("dev.arbiter.ruleset",
                "ruleset-" + version.substring("sha256:".length(), "sha256:".length() + 16),
                "1.0.0-" + UUID.randomUUID());
        fileSystem.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> file : drl.entrySet()) {
            fileSystem.write(DRL_ROOT + file.getKey(), file.getValue());
        }
        // constraint lambdas stay in the generated rule classes instead of a class each: a third less for the
        // compiler at activation, the same network and decision speed; a class each only serves serialising a KieBase
        KieBuilder builder = ((InternalKieBuilder) kieServices.newKieBuilder(fileSystem, classLoader))
                .withKModuleModel(kieServices.newKieModuleModel()
                        .setConfigurationProperty(ExternaliseCanonicalModelLambdaOption.PROPERTY_NAME, "false"));
        builder.buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<RulesetProblem> found = errors.stream()
                    .map(error -> new RulesetProblem(drlFileName(error.getPath()), Math.max(error.getLine(), 0), error.getText().strip()))
                    .toList();
            for (RulesetProblem problem : found) {
                boolean followOn = problem.message().equals(PARSE_FOLLOW_ON)
                        && found.stream().anyMatch(other -> other != problem && other.file().equals(problem.file()));
                if (!followOn) {
                    problems.add(problem);
                }
            }
            return null;
        }
        KieBase kieBase = kieServices.newKieContainer(releaseId, classLoader).getKieBase();
        kieServices.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    private static String drlFileName(String path) {
        if (path == null) {
            return "rules";
        }
        return path.startsWith(DRL_ROOT) ? path.substring(DRL_ROOT.length()) : path;
    }

    private static DMNRuntime buildTables(RulesetSource source, List<RulesetProblem> problems) {
        return TABLES.shared(source.tableFiles(), tables -> {
            int problemsBefore = problems.size();
            DMNRuntime runtime = compileTables(tables, problems);
            if (runtime == null || problems.size() > problemsBefore) {
                return null;
            }
            Assessor.traceDecisionTables(runtime);
            return runtime;
        });
    }

    private static DMNRuntime compileTables(SortedMap<String, String> tables, List<RulesetProblem> problems) {
        if (!unmarshalEach(tables, problems)) {
            return null;
        }
        List<Resource> resources = new ArrayList<>();
        for (Map.Entry<String, String> file : tables.entrySet()) {
            Resource resource = ResourceFactory.newReaderResource(new StringReader(file.getValue()), "UTF-8");
            resource.setSourcePath(file.getKey());
            resources.add(resource);
        }
        DMNRuntime runtime;
        try {
            runtime = DMNRuntimeBuilder.fromDefaults()
                    .setRootClassLoader(Ruleset.class.getClassLoader())
                    .buildConfiguration()
                    .fromResources(resources)
                    .getOrElseThrow(e -> new IllegalArgumentException(e.getMessage(), e));
        } catch (RuntimeException e) {
            problems.add(new RulesetProblem("dmn", 0, rootMessage(e)));
            return null;
        }
        List<String> compiled = new ArrayList<>();
        for (DMNModel model : runtime.getModels()) {
            String file = model.getResource() != null && model.getResource().getSourcePath() != null
                    ? model.getResource().getSourcePath() : model.getName();
            compiled.add(file);
            for (DMNMessage message : model.getMessages(DMNMessage.Severity.ERROR)) {
                problems.add(new RulesetProblem(file, Math.max(message.getLine(), 0), describe(message)));
            }
        }
        for (String file : tables.keySet()) {
            if (!compiled.contains(file)) {
                problems.add(new RulesetProblem(file, 0, "not a readable DMN model"));
            }
        }
        return runtime;
    }

    /**
     * Parses each file alone first, so that malformed XML is reported with its file, line and the parser's message:
     * the DMN marshaller only logs such errors and returns null.
     */
    private static boolean unmarshalEach(SortedMap<String, String> tables, List<RulesetProblem> problems) {
        boolean allRead = true;
        DMNMarshaller marshaller = DMNMarshallerFactory.newDefaultMarshaller();
        for (Map.Entry<String, String> file : tables.entrySet()) {
            RulesetProblem malformed = malformedXml(file.getKey(), file.getValue());
            if (malformed != null) {
                allRead = false;
                problems.add(malformed);
                continue;
            }
            try {
                if (marshaller.unmarshal(new StringReader(file.getValue())) == null) {
                    problems.add(new RulesetProblem(file.getKey(), 0, "not a DMN model"));
                    allRead = false;
                }
            } catch (RuntimeException e) {
                allRead = false;
                problems.add(new RulesetProblem(file.getKey(), 0, rootMessage(e)));
            }
        }
        return allRead;
    }

    /** The XML parser's error if the file is not well-formed XML, else null. Document type declarations are refused. */
    private static RulesetProblem malformedXml(String file, String xml) {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
            return null;
        } catch (SAXParseException e) {
            return new RulesetProblem(file, Math.max(e.getLineNumber(), 0), e.getMessage());
        } catch (SAXException | ParserConfigurationException | IOException e) {
            return new RulesetProblem(file, 0, rootMessage(e));
        }
    }

    private static String describe(DMNMessage message) {
        String text = message.getText() != null ? message.getText() : message.getMessage();
        return message.getSourceId() != null ? text + " (element " + message.getSourceId() + ")" : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Assesses one alert with its context. Safe to call from many threads at once. */
    public Assessment assess(AssessmentInput input) {
        return assessor.assess(input);
    }

    /** {@code sha256:…} over the sorted file names and contents. */
    public String version() {
        return source.version();
    }

    /** The files this ruleset was built from. */
    public RulesetSource source() {
        return source;
    }

    /** Names of all Drools rules, sorted. */
    public SortedSet<String> ruleNames() {
        return rules.ruleNames();
    }

    /** All DMN models. */
    public Collection<DMNModel> dmnModels() {
        return dmnRuntime.getModels();
    }

    /** The model with this name, if the ruleset has it. */
    public Optional<DMNModel> dmnModel(String name) {
        return dmnRuntime.getModels().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    KieBase kieBase() {
        return rules.kieBase();
    }

    /** The pool shared by every ruleset built on the same compiled rules; its sessions keep nothing between uses. */
    KieSessionsPool sessions() {
        return rules.sessions();
    }

    DMNRuntime dmnRuntime() {
        return dmnRuntime;
    }
}
