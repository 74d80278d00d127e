package dev.arbiter.engine;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

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
    /** How many sets of compiled tables are kept for the next builds (the service keeps four rulesets by default). */
    private static final int TABLES_KEPT = 4;
    /**
     * The compiled tables of the last builds, by the digest of their files: a version that changes only rules, the
     * usual edit, reuses the tables of the version before it instead of compiling them again. A runtime does not
     * change once built and is evaluated by many threads at once, so rulesets can share one.
     */
    private static final Map<String, DMNRuntime> TABLES = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DMNRuntime> eldest) {
            return size() > TABLES_KEPT;
        }
    };

    private final RulesetSource source;
    private final KieBase kieBase;
    private final DMNRuntime dmnRuntime;
    private final SortedSet<String> ruleNames;
    private final Assessor assessor;

    private Ruleset(RulesetSource source, KieBase kieBase, DMNRuntime dmnRuntime) {
        this.source = source;
        this.kieBase = kieBase;
        this.dmnRuntime = dmnRuntime;
        SortedSet<String> names = new TreeSet<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                names.add(rule.getName());
            }
        }
        this.ruleNames = java.util.Collections.unmodifiableSortedSet(names);
        this.assessor = new Assessor(this);
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
        KieBase kieBase = buildRules(source, problems);
        DMNRuntime dmnRuntime = buildTables(source, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        Ruleset ruleset = new Ruleset(source, kieBase, dmnRuntime);
        ruleset.assessor.checkContract(problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return ruleset;
    }

    private static KieBase buildRules(RulesetSource source, List<RulesetProblem> problems) {
        ClassLoader classLoader = Ruleset.class.getClassLoader();
        KieServices kieServices = KieServices.Factory.get();
        KieFileSystem fileSystem = kieServices.newKieFileSystem();
        // a release id of its own per build, so concurrent builds of the same files never share a KieModule
        ReleaseId releaseId = kieServices.newReleaseId("dev.arbiter.ruleset",
                "ruleset-" + source.version().substring("sha256:".length(), "sha256:".length() + 16), "1.0.0-" + UUID.randomUUID());
        fileSystem.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> file : drlFiles(source).entrySet()) {
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

    private static SortedMap<String, String> drlFiles(RulesetSource source) {
        return subset(source, "rules/");
    }

    private static SortedMap<String, String> subset(RulesetSource source, String prefix) {
        return source.files().subMap(prefix, prefix + Character.MAX_VALUE);
    }

    private static String drlFileName(String path) {
        if (path == null) {
            return "rules";
        }
        return path.startsWith(DRL_ROOT) ? path.substring(DRL_ROOT.length()) : path;
    }

    private static DMNRuntime buildTables(RulesetSource source, List<RulesetProblem> problems) {
        SortedMap<String, String> tables = subset(source, "dmn/");
        String digest = new RulesetSource(tables).version();
        synchronized (TABLES) {
            DMNRuntime built = TABLES.get(digest);
            if (built != null) {
                return built;
            }
        }
        int problemsBefore = problems.size();
        DMNRuntime runtime = compileTables(tables, problems);
        if (runtime != null && problems.size() == problemsBefore) {
            Assessor.traceDecisionTables(runtime);
            synchronized (TABLES) {
                // a build of the same tables that finished first wins, so that rulesets share one runtime
                return TABLES.computeIfAbsent(digest, d -> runtime);
            }
        }
        return runtime;
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
        return ruleNames;
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
        return kieBase;
    }

    DMNRuntime dmnRuntime() {
        return dmnRuntime;
    }
}
