package dev.arbiter.ruleset;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.arbiter.audit.AuditLog;
import dev.arbiter.common.Principal;
import dev.arbiter.common.Problem;
import dev.arbiter.common.ProblemException;
import dev.arbiter.engine.Ruleset;
import dev.arbiter.engine.RulesetBundle;
import dev.arbiter.engine.RulesetException;
import dev.arbiter.engine.RulesetProblem;
import dev.arbiter.engine.RulesetValidator;
import dev.arbiter.engine.ScenarioRunner;
import dev.arbiter.engine.ValidationReport;
import dev.arbiter.security.SeparationOfDuties;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The rule lifecycle: validates bundles and stores every version it validated or activated, activates a version
 * (from a bundle, the folders on disk or the store) only when it builds and its scenarios pass, rolls back, and
 * records the live version in the database for every replica to converge on. Compiling and running scenarios
 * happen outside any transaction; only the bookkeeping is transactional. A refused bundle never touches the active
 * ruleset; the refusal is stored, audited and answered with each problem.
 */
@ApplicationScoped
public class RulesetService {

    private static final Logger LOG = Logger.getLogger(RulesetService.class);
    private static final TypeReference<SortedMap<String, String>> FILES = new TypeReference<>() {
    };

    private final ActiveRuleset active;
    private final RulesetRepository versions;
    private final AuditLog audit;
    private final SeparationOfDuties duties;
    private final Clock clock;
    private final ObjectMapper json;
    private final CompiledRulesets compiled;
    private final CompletableFuture<Boolean> startupTablesAnalysed = new CompletableFuture<>();

    RulesetService(ActiveRuleset active, RulesetRepository versions, AuditLog audit, SeparationOfDuties duties, Clock clock,
                   ObjectMapper json, CompiledRulesets compiled) {
        this.active = active;
        this.versions = versions;
        this.audit = audit;
        this.duties = duties;
        this.clock = clock;
        this.json = json;
        this.compiled = compiled;
    }

    /** How an activation ended. */
    public record Activation(RulesetView.Detail version, String previous, boolean changed) {
    }

    /**
     * Records the start-up ruleset. A version the store has never seen (new files were deployed) becomes the live
     * one; a version it already knows does not override the recorded live version (after a rollback a restart keeps
     * the rollback), and this replica converges on that instead.
     */
    void onStart(@Observes StartupEvent event) {
        RulesetBundle bundle = active.startupBundle();
        analyseTablesInTheBackground(bundle);
        Ruleset ruleset = active.get();
        compiled.put(ruleset);
        boolean known = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(bundle.version()).isPresent());
        Optional<String> live = QuarkusTransaction.requiringNew().call(() -> versions.slotVersion(RulesetSlot.LIVE));
        if ((!known || live.isEmpty()) && !startupScenariosPass(bundle, ruleset, live)) {
            return;
        }
        if (!known || live.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                RulesetVersion row = store(bundle, null, Principal.SYSTEM);
                makeLive(row, Principal.SYSTEM, AuditLog.RULESET_ACTIVATED, Map.of("from", "start-up"));
            });
        } else if (!live.get().equals(bundle.version())) {
            LOG.infof("Ruleset %s from disk is a known version; the recorded live version %s stays live", bundle.version(), live.get());
            syncLive();
        }
    }

    /**
     * The first validation or activation after start-up would otherwise wait for kie-dmn's analyser to be built and
     * for the analysis of tables that are mostly the start-up ones; a thread of its own does both beside start-up
     * instead. A validation that comes sooner waits for the analyser rather than building another.
     */
    private void analyseTablesInTheBackground(RulesetBundle bundle) {
        Thread thread = new Thread(() -> {
            try {
                RulesetValidator.prepare(bundle.source());
                startupTablesAnalysed.complete(RulesetValidator.analysed(bundle.source()));
            } catch (RuntimeException e) {
                LOG.warn("Analysing the start-up tables ahead of time failed; the first validation analyses them itself", e);
                startupTablesAnalysed.completeExceptionally(e);
            }
        }, "arbiter-table-analysis");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes once the start-up tables are analysed ahead of the first validation: whether they all were. */
    CompletableFuture<Boolean> startupTablesAnalysed() {
        return startupTablesAnalysed;
    }

    /**
     * Runs the start-up folders' scenarios before they may become live. When one fails, the folders are stored and
     * audited as refused: with a live version recorded, this replica keeps deciding with that one (answers false); on
     * a database that has none, start-up stops with each failure, as it does for a ruleset that does not build.
     */
    boolean startupScenariosPass(RulesetBundle bundle, Ruleset ruleset, Optional<String> live) {
        List<RulesetProblem> failures = new ArrayList<>();
        try {
            ScenarioRunner.run(ruleset, bundle.scenarios()).forEach(result -> failures.addAll(result.problems()));
        } catch (RulesetException e) {
            failures.addAll(e.problems());
        }
        if (failures.isEmpty()) {
            return true;
        }
        if (live.isEmpty()) {
            throw new RulesetException(failures); // nothing is live to fall back on: start-up stops with each failure
        }
        ValidationReport report = new ValidationReport(bundle.version(), failures, List.of(), List.of(), ruleset);
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetVersion row = store(bundle, report, Principal.SYSTEM);
            audit.append(Principal.SYSTEM, AuditLog.RULESET_REFUSED, row.version, payload(report, "start-up"));
        });
        LOG.errorf("Ruleset %s from disk was refused, its scenarios fail (%s); the recorded live version %s stays live",
                bundle.version(), failures.get(0), live.get());
        syncLive();
        return false;
    }

    /**
     * Validates a bundle, stores it as validated or refused, and audits it. Nothing is activated, but a version that
     * passes stays compiled, so activating it next (or shadowing it) does not compile it again.
     */
    public RulesetView.Report validate(Map<String, String> files, Principal principal) {
        RulesetBundle bundle = bundle(files);
        ValidationReport report = validateKeepingCompiled(bundle);
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetVersion row = store(bundle, report, principal);
            audit.append(principal, report.passed() ? AuditLog.RULESET_VALIDATED : AuditLog.RULESET_REFUSED, row.version,
                    payload(report, "validate"));
        });
        return RulesetView.report(report);
    }

    /** Validates the bundle and, if it passes, makes it the live version. */
    public Activation activate(Map<String, String> files, Principal principal) {
        return activate(bundle(files), principal, AuditLog.RULESET_ACTIVATED, "upload");
    }

    /** Reads the configured folders and activates them if they pass. */
    public Activation activateFromDisk(Principal principal, String how) {
        RulesetBundle bundle;
        try {
            bundle = RulesetBundle.read(java.nio.file.Path.of(config().rulesDir()), java.nio.file.Path.of(config().dmnDir()));
        } catch (RulesetException e) {
            throw refused("The rule folders cannot be read", e.problems());
        }
        return activate(bundle, principal, AuditLog.RULESET_ACTIVATED, how);
    }

    /** Makes a stored version live again, after validating it and running its scenarios once more. */
    public Activation rollback(String version, Principal principal) {
        RulesetVersion row = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(version))
                .orElseThrow(() -> ProblemException.notFound("No stored ruleset version " + version));
        if (RulesetVersion.REFUSED.equals(row.status)) {
            throw ProblemException.conflict("ruleset-refused", "Version " + version + " was refused; fix it and validate it again");
        }
        return activate(RulesetBundle.of(files(row)), principal, AuditLog.RULESET_ROLLED_BACK, "rollback");
    }

    /**
     * Validates the bundle, on its compiled ruleset when that version is kept compiled, and keeps a version that
     * passes compiled for what comes next (activation, shadowing, rollback).
     */
    private ValidationReport validateKeepingCompiled(RulesetBundle bundle) {
        ValidationReport report = RulesetValidator.validate(bundle, compiled.get(bundle.version()).orElse(null));
        if (report.passed()) {
            compiled.put(report.ruleset());
        }
        return report;
    }

    private Activation activate(RulesetBundle bundle, Principal principal, String eventType, String how) {
        ValidationReport report = validateKeepingCompiled(bundle);
        if (!report.passed()) {
            QuarkusTransaction.requiringNew().run(() -> {
                RulesetVersion row = store(bundle, report, principal);
                audit.append(principal, AuditLog.RULESET_REFUSED, row.version, payload(report, how));
            });
            throw refused("Ruleset " + bundle.version() + " was not activated; the active ruleset is unchanged", report.errors());
        }
        String previous = active.get().version();
        RulesetView.Detail detail = QuarkusTransaction.requiringNew().call(() -> {
            RulesetVersion row = store(bundle, report, principal);
            Map<String, Object> extra = new LinkedHashMap<>(payload(report, how));
            makeLive(row, principal, eventType, extra);
            return RulesetView.detail(row, files(row), problems(row));
        });
        active.swap(report.ruleset());
        return new Activation(detail, previous, !previous.equals(bundle.version()));
    }

    /** Marks the row live in the locked slot, retires the previous live version, audits and records the author. */
    private void makeLive(RulesetVersion row, Principal principal, String eventType, Map<String, ?> extra) {
        RulesetSlot slot = versions.lockSlot(RulesetSlot.LIVE);
        String previous = slot.version;
        if (previous != null && !previous.equals(row.version)) {
            versions.findByIdOptional(previous).ifPresent(old -> setStatus(old, RulesetVersion.RETIRED, principal));
        }
        slot.version = row.version;
        slot.changedAt = clock.instant();
        setStatus(row, RulesetVersion.ACTIVE, principal);
        Map<String, Object> payload = new LinkedHashMap<>(extra);
        payload.put("version", row.version);
        payload.put("previous", previous != null ? previous : "none");
        audit.append(principal, eventType, row.version, payload);
        duties.record(principal, row.version, SeparationOfDuties.Duty.AUTHORED);
    }

    private void setStatus(RulesetVersion row, String status, Principal principal) {
        row.status = status;
        row.statusAt = clock.instant();
        row.statusByName = principal.name();
    }

    /**
     * Stores the bundle's version or updates the stored one: its files (scenarios may have changed), what validation
     * found, and its status where validation decides it (a live, retired or shadow version keeps its status).
     */
    private RulesetVersion store(RulesetBundle bundle, ValidationReport report, Principal principal) {
        RulesetVersion row = versions.findByIdOptional(bundle.version()).orElse(null);
        if (row == null) {
            row = new RulesetVersion();
            row.version = bundle.version();
            row.authorKind = principal.kind();
            row.authorId = principal.id();
            row.authorName = principal.name();
            row.createdAt = clock.instant();
            row.status = report == null || report.passed() ? RulesetVersion.VALIDATED : RulesetVersion.REFUSED;
            row.statusAt = row.createdAt;
            row.statusByName = principal.name();
        } else if (report != null && (RulesetVersion.VALIDATED.equals(row.status) || RulesetVersion.REFUSED.equals(row.status))) {
            setStatus(row, report.passed() ? RulesetVersion.VALIDATED : RulesetVersion.REFUSED, principal);
        }
        boolean replacesFiles = row.filesJson == null || report == null || report.passed()
                || RulesetVersion.VALIDATED.equals(row.status) || RulesetVersion.REFUSED.equals(row.status);
        if (!replacesFiles) {
            return row; // a live, retired or shadow version keeps the files and findings it passed with
        }
        row.filesJson = write(bundle.allFiles());
        if (report != null) {
            List<Map<String, Object>> found = new ArrayList<>();
            report.errors().forEach(p -> found.add(problem("error", p)));
            report.warnings().forEach(p -> found.add(problem("warning", p)));
            row.problemsJson = write(found);
            row.scenariosTotal = report.scenarios().size();
            row.scenariosPassed = (int) report.scenariosPassed();
        } else if (row.problemsJson == null) {
            row.problemsJson = "[]";
        }
        if (!versions.isPersistent(row)) {
            versions.persist(row);
        }
        return row;
    }

    private static Map<String, Object> problem(String severity, RulesetProblem p) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", severity);
        entry.put("file", p.file());
        entry.put("line", p.line());
        entry.put("message", p.message());
        return entry;
    }

    private static Map<String, Object> payload(ValidationReport report, String how) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", report.version());
        payload.put("how", how);
        payload.put("errors", report.errors().size());
        payload.put("warnings", report.warnings().size());
        payload.put("scenarios", report.scenarios().size());
        payload.put("scenariosPassed", report.scenariosPassed());
        if (!report.errors().isEmpty()) {
            payload.put("firstErrors", report.errors().stream().limit(5).map(RulesetProblem::toString).toList());
        }
        return payload;
    }

    /**
     * Records a candidate as the shadow version: it must build (its scenarios are run when it is promoted); it is
     * stored with status shadow, fills the shadow slot, and the previous shadow version, if any, goes back to validated.
     */
    Ruleset startShadow(RulesetBundle bundle, Principal principal) {
        Ruleset ruleset = build(bundle);
        if (ruleset.version().equals(active.get().version())) {
            throw ProblemException.conflict("ruleset-already-live", "Version " + ruleset.version() + " is the live version");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetSlot slot = versions.lockSlot(RulesetSlot.SHADOW);
            RulesetVersion row = store(bundle, null, principal);
            if (slot.version != null && !slot.version.equals(row.version)) {
                versions.findByIdOptional(slot.version).filter(old -> RulesetVersion.SHADOW.equals(old.status))
                        .ifPresent(old -> setStatus(old, RulesetVersion.VALIDATED, principal));
            }
            slot.version = row.version;
            slot.changedAt = clock.instant();
            if (!RulesetVersion.ACTIVE.equals(row.status)) {
                setStatus(row, RulesetVersion.SHADOW, principal);
            }
            audit.append(principal, AuditLog.RULESET_SHADOW_CHANGED, row.version, Map.of("version", row.version, "shadow", "started"));
        });
        return ruleset;
    }

    /** Empties the shadow slot; the version it held goes back to validated. Empty when there was no shadow. */
    Optional<String> stopShadow(Principal principal, String why) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RulesetSlot slot = versions.lockSlot(RulesetSlot.SHADOW);
            String version = slot.version;
            if (version == null) {
                return Optional.<String>empty();
            }
            slot.version = null;
            slot.changedAt = clock.instant();
            versions.findByIdOptional(version).filter(row -> RulesetVersion.SHADOW.equals(row.status))
                    .ifPresent(row -> setStatus(row, RulesetVersion.VALIDATED, principal));
            audit.append(principal, AuditLog.RULESET_SHADOW_CHANGED, version, Map.of("version", version, "shadow", why));
            return Optional.of(version);
        });
    }

    /** The version in the shadow slot, if any. */
    Optional<String> shadowVersion() {
        return QuarkusTransaction.requiringNew().call(() -> versions.slotVersion(RulesetSlot.SHADOW));
    }

    /** Activates the shadow version (validation and scenarios first), then empties the shadow slot. */
    Activation promoteShadow(Principal principal) {
        String version = shadowVersion().orElseThrow(() -> ProblemException.conflict("no-shadow", "No shadow ruleset to promote"));
        RulesetVersion row = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(version)).orElseThrow();
        Activation activation = activate(RulesetBundle.of(files(row)), principal, AuditLog.RULESET_ACTIVATED, "shadow-promoted");
        stopShadow(principal, "promoted");
        return activation;
    }

    /** Loads the live version recorded in the database if this replica runs another; true when it swapped. */
    public boolean syncLive() {
        Optional<RulesetVersion> live = QuarkusTransaction.requiringNew().call(() -> versions.slotVersion(RulesetSlot.LIVE)
                .flatMap(versions::findByIdOptional));
        if (live.isEmpty() || live.get().version.equals(active.get().version())) {
            return false;
        }
        Ruleset ruleset = load(live.get());
        active.swap(ruleset);
        return true;
    }

    /** The compiled ruleset of a stored version, from the cache or compiled now. */
    Ruleset load(RulesetVersion row) {
        return compiled.get(row.version).orElseGet(() -> {
            Ruleset built = Ruleset.build(RulesetBundle.of(files(row)).source());
            compiled.put(built);
            return built;
        });
    }

    public List<RulesetView.Summary> list(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> versions.newestFirst(limit).stream().map(RulesetView::summary).toList());
    }

    public Optional<RulesetView.Detail> find(String version) {
        return QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(version)
                .map(row -> RulesetView.detail(row, files(row), problems(row))));
    }

    /** The version recorded as live, with its files. */
    public Optional<RulesetView.Detail> live() {
        return QuarkusTransaction.requiringNew().call(() -> versions.slotVersion(RulesetSlot.LIVE)).flatMap(this::find);
    }

    /** A stored version's bundle, or the uploaded files, as a candidate for replay or shadow. */
    RulesetBundle candidate(Map<String, String> files, String version) {
        if (files != null && !files.isEmpty()) {
            return bundle(files);
        }
        if (version == null || version.isBlank()) {
            throw ProblemException.invalid("$.files", "give the candidate's files, or the version of a stored ruleset");
        }
        RulesetVersion row = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(version))
                .orElseThrow(() -> ProblemException.invalid("$.version", "no stored ruleset version " + version));
        return RulesetBundle.of(files(row));
    }

    /** Builds the candidate, or answers 422 with what stops it from building. */
    Ruleset build(RulesetBundle bundle) {
        return compiled.get(bundle.version()).orElseGet(() -> {
            try {
                Ruleset built = Ruleset.build(bundle.source());
                compiled.put(built);
                return built;
            } catch (RulesetException e) {
                throw refused("The candidate ruleset does not build", e.problems());
            }
        });
    }

    private RulesetConfig config() {
        return compiled.config();
    }

    static RulesetBundle bundle(Map<String, String> files) {
        if (files == null || files.isEmpty()) {
            throw ProblemException.invalid("$.files", "must hold the bundle's files, keyed rules/<name>.drl, dmn/<name>.dmn, rules/tests/<name>.yaml");
        }
        try {
            return RulesetBundle.of(files);
        } catch (RulesetException e) {
            throw refused("The bundle holds files that are not part of a ruleset", e.problems());
        }
    }

    /** 422 naming each file, line and message. */
    static ProblemException refused(String detail, List<RulesetProblem> problems) {
        List<Problem.FieldError> errors = problems.stream()
                .map(p -> new Problem.FieldError("$.files[\"" + p.file() + "\"]", p.line() > 0 ? "line " + p.line() + ": " + p.message() : p.message()))
                .toList();
        return new ProblemException(Problem.of(422, "ruleset-refused", "Ruleset refused", detail).withErrors(errors));
    }

    SortedMap<String, String> files(RulesetVersion row) {
        try {
            return json.readValue(row.filesJson, FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored ruleset " + row.version + " cannot be read back", e);
        }
    }

    private List<Map<String, Object>> problems(RulesetVersion row) {
        try {
            return json.readValue(row.problemsJson, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored ruleset " + row.version + " cannot be read back", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof SortedMap<?, ?> ? value : value instanceof Map<?, ?> m ? new TreeMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise ruleset data", e);
        }
    }
}
