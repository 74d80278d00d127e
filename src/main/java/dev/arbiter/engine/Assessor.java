package dev.arbiter.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.kie.api.command.Command;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.internal.command.CommandFactory;

/**
 * Runs one assessment against a {@link Ruleset}: the Drools rules produce risk factors, then the priority table turns
 * the score and asset criticality into a priority, and the response table proposes actions per entity. For a
 * vulnerability alert the SSVC tables decide first, per CVE, and their most urgent outcome feeds both tables.
 *
 * <p>The contract with the tables: model {@value #PRIORITY_MODEL} has inputs {@code Risk Score},
 * {@code Asset Criticality} and {@code SSVC Patch Priority} and decisions {@code Risk Level} and {@code Priority}
 * ({@code priority}, {@code slaMinutes}); model {@value #RESPONSE_MODEL} has inputs {@code Category}, {@code Priority},
 * {@code Has Host}, {@code Has User}, {@code Has External IP}, {@code Has File} and {@code SSVC Patch Priority} and
 * the collect decision {@code Response Actions} ({@code actionType}, {@code targetKind}, {@code impact}).
 * {@code SSVC Patch Priority} is the most urgent Deployer outcome over the alert's CVEs ({@code defer},
 * {@code scheduled}, {@code out-of-cycle}, {@code immediate}), or {@code none} when the alert has no SSVC decision.
 *
 * <p>SSVC, for an alert of category {@code vulnerability} only, once per {@link VulnerabilityFact}: model
 * {@value #SSVC_DEPLOYER_MODEL} has inputs {@code Exploitation}, {@code System Exposure}, {@code Automatable},
 * {@code Safety Impact}, {@code Mission Impact} and decisions {@code Human Impact} and
 * {@code Patch Application Priority}; model {@value #SSVC_COORDINATOR_MODEL} has inputs {@code Exploitation},
 * {@code Automatable}, {@code Technical Impact}, {@code Mission and Well-Being Impact} and decision
 * {@code CISA Level}. All values are CERT/CC's published value names. Where each input comes from
 * ({@link SsvcInput#source()}):
 * <ul>
 *   <li>Exploitation: {@code active} when the CVE is in KEV ({@code kev}), else the imported option
 *       ({@code ssvc-import}), else {@code none} ({@code default}: SSVC's "no evidence of exploitation").</li>
 *   <li>Automatable, Technical Impact: the imported option, else {@code yes} and {@code total} ({@code default}).</li>
 *   <li>System Exposure: the most exposed of the alert's hosts ({@code asset}); a host with unknown exposure, or an
 *       alert without hosts, counts as {@code open} ({@code default}).</li>
 *   <li>Safety Impact, Mission Impact: the most severe over the alert's hosts ({@code asset}); a host whose inventory
 *       entry records none, or an alert without hosts, counts as {@code catastrophic} and {@code mission failure}
 *       ({@code default}), which makes Human Impact {@code very high}.</li>
 *   <li>Human Impact: the Deployer model's helper table ({@code derived}).</li>
 *   <li>Mission and Well-Being Impact: {@code high} ({@code default}).</li>
 * </ul>
 *
 * <p>Approval policy, once per proposed action: model {@value #APPROVAL_MODEL} has inputs {@code Action Type},
 * {@code Impact}, {@code Asset Criticality}, {@code Environment} and {@code Privileged Identity} and the single-hit
 * decision {@code Approval Gate} ({@code gate}: {@code auto}, {@code one-approver} or {@code two-approvers};
 * {@code expiryMinutes}; {@code approverGroup}). The inputs are the facts of the action's target:
 * <ul>
 *   <li>{@code host:} target: the host's criticality and environment. A host the inventory does not know is
 *       criticality {@code unknown} and environment {@code production}; a known host without a known environment is
 *       {@code production} too. {@code Privileged Identity} is false.</li>
 *   <li>{@code user:} target: {@code Privileged Identity} from the account; an account the inventory does not know is
 *       privileged. Criticality and environment are {@code none}.</li>
 *   <li>any other target (alert, ip, file): criticality and environment {@code none}, not privileged.</li>
 * </ul>
 * Every such assumption is stated in words on the action ({@link ApprovalRequirement#assumptions()}). The row the hit
 * policy selected is the action's {@link ApprovalRequirement#policyRule()}; these evaluations are not part of
 * {@link Assessment#dmn()}, which lists the alert-level tables. The table must answer every action (end with a
 * catch-all row): an action it gives no gate fails the assessment.
 */
final class Assessor {

    static final String PRIORITY_MODEL = "arbiter-priority";
    static final String RESPONSE_MODEL = "arbiter-response";
    static final String SSVC_DEPLOYER_MODEL = "ssvc-deployer";
    static final String SSVC_COORDINATOR_MODEL = "ssvc-cisa-coordinator";
    static final String SSVC_PATCH_PRIORITY = "SSVC Patch Priority";
    static final String VULNERABILITY_CATEGORY = "vulnerability";
    static final String APPROVAL_MODEL = "arbiter-approval";
    static final String APPROVAL_DECISION = "Approval Gate";
    private static final List<String> ENVIRONMENTS = List.of("production", "staging", "development");
    /** A rule set that fires more often than this for one alert is looping. */
    static final int MAX_FIRINGS = 10_000;

    private static final List<String> CRITICALITY_RANK = List.of("none", "low", "medium", "unknown", "high", "crown-jewel");
    private static final ThreadLocal<Trace> TRACE = new ThreadLocal<>();

    /** Bounds the memo of table results; the shipped tables' inputs take a few thousand distinct values in all. */
    private static final int MAX_MEMOS = 100_000;

    private final Ruleset ruleset;
    private final Map<String, DMNModel> models = new ConcurrentHashMap<>();
    private final Map<MemoKey, Memo> memos = new ConcurrentHashMap<>();
    /** Working memories are reset and reused rather than built anew for every assessment (shared: {@link Ruleset}). */
    private final KieSessionsPool sessions;

    Assessor(Ruleset ruleset) {
        this.ruleset = ruleset;
        this.sessions = ruleset.sessions();
    }

    /**
     * Makes the runtime record the rows each table matched into the trace of the assessment running on the calling
     * thread. Once per runtime: rulesets whose tables are the same share one runtime (see {@link Ruleset}).
     */
    static void traceDecisionTables(DMNRuntime runtime) {
        runtime.addListener(new TraceListener());
    }

    /** Adds a problem for every model, input or decision of the contract (class comment) that the tables lack. */
    void checkContract(List<RulesetProblem> problems) {
        require(problems, PRIORITY_MODEL, List.of("Risk Score", "Asset Criticality", SSVC_PATCH_PRIORITY),
                List.of("Risk Level", "Priority"));
        require(problems, RESPONSE_MODEL, List.of("Category", "Priority", "Has Host", "Has User", "Has External IP", "Has File",
                SSVC_PATCH_PRIORITY), List.of("Response Actions"));
        require(problems, SSVC_DEPLOYER_MODEL, List.of(SsvcInputs.EXPLOITATION, SsvcInputs.SYSTEM_EXPOSURE,
                SsvcInputs.AUTOMATABLE, SsvcInputs.SAFETY_IMPACT, SsvcInputs.MISSION_IMPACT),
                List.of(SsvcInputs.HUMAN_IMPACT, "Patch Application Priority"));
        require(problems, SSVC_COORDINATOR_MODEL, List.of(SsvcInputs.EXPLOITATION, SsvcInputs.AUTOMATABLE,
                SsvcInputs.TECHNICAL_IMPACT, SsvcInputs.MISSION_AND_WELL_BEING_IMPACT), List.of("CISA Level"));
        require(problems, APPROVAL_MODEL, List.of("Action Type", "Impact", "Asset Criticality", "Environment", "Privileged Identity"),
                List.of(APPROVAL_DECISION));
    }

    private void require(List<RulesetProblem> problems, String modelName, List<String> inputs, List<String> decisions) {
        DMNModel model = ruleset.dmnModel(modelName).orElse(null);
        if (model == null) {
            problems.add(new RulesetProblem("dmn", 0, "no DMN model named '" + modelName + "'"));
            return;
        }
        String file = model.getResource().getSourcePath();
        for (String input : inputs) {
            if (model.getInputByName(input) == null) {
                problems.add(new RulesetProblem(file, 0, "model '" + modelName + "' has no input named '" + input + "'"));
            }
        }
        for (String decision : decisions) {
            if (model.getDecisionByName(decision) == null) {
                problems.add(new RulesetProblem(file, 0, "model '" + modelName + "' has no decision named '" + decision + "'"));
            }
        }
    }

    Assessment assess(AssessmentInput input) {
        List<String> fired = new ArrayList<>();
        Collection<RiskFactor> raw = runRules(input, fired);
        List<RiskFactor> factors = merge(raw, fired);
        int score = Math.max(0, Math.min(100, factors.stream().mapToInt(RiskFactor::getPoints).sum()));

        Trace trace = new Trace();
        List<DmnTrace> traces = trace.entries;
        TRACE.set(trace);
        try {
            List<SsvcDecision> ssvc = ssvc(input, traces);
            String patchPriority = SsvcDecision.mostUrgentPatchPriority(ssvc);

            DMNContext priorityInputs = ruleset.dmnRuntime().newContext();
            priorityInputs.set("Risk Score", BigDecimal.valueOf(score));
            priorityInputs.set("Asset Criticality", assetCriticality(input.hosts()));
            priorityInputs.set(SSVC_PATCH_PRIORITY, patchPriority);
            DMNResult priorityResult = evaluate(PRIORITY_MODEL, priorityInputs);
            String level = (String) priorityResult.getDecisionResultByName("Risk Level").getResult();
            Map<?, ?> priority = (Map<?, ?>) priorityResult.getDecisionResultByName("Priority").getResult();
            String priorityName = (String) priority.get("priority");
            int slaMinutes = ((BigDecimal) priority.get("slaMinutes")).intValueExact();

            DMNContext responseInputs = ruleset.dmnRuntime().newContext();
            responseInputs.set("Category", input.alert().getCategory());
            responseInputs.set("Priority", priorityName);
            responseInputs.set("Has Host", !input.hosts().isEmpty());
            responseInputs.set("Has User", !input.users().isEmpty());
            responseInputs.set("Has External IP", input.ips().stream().anyMatch(IpFact::external));
            responseInputs.set("Has File", !input.files().isEmpty());
            responseInputs.set(SSVC_PATCH_PRIORITY, patchPriority);
            DMNResult responseResult = evaluate(RESPONSE_MODEL, responseInputs);
            List<String> actionRows = traces.stream()
                    .filter(t -> RESPONSE_MODEL.equals(t.model()) && "Response Actions".equals(t.decision()))
                    .findFirst().map(DmnTrace::matchedRules).orElse(List.of());
            List<ProposedAction> actions = actions(input, responseResult.getDecisionResultByName("Response Actions"), actionRows)
                    .stream().map(action -> withApproval(input, action)).toList();
            return new Assessment(score, level, factors, priorityName, slaMinutes, actions,
                    List.copyOf(new LinkedHashSet<>(fired)), traces, ruleset.version(), ssvc);
        } finally {
            TRACE.remove();
        }
    }

    /** The SSVC decisions of a vulnerability alert, one per CVE; none for other alerts. */
    private List<SsvcDecision> ssvc(AssessmentInput input, List<DmnTrace> traces) {
        if (!VULNERABILITY_CATEGORY.equals(input.alert().getCategory())) {
            return List.of();
        }
        List<SsvcInput> hostInputs = SsvcInputs.ofHosts(input.hosts());
        SsvcInput missionAndWellBeing = SsvcInputs.missionAndWellBeing();
        List<SsvcDecision> decisions = new ArrayList<>();
        for (VulnerabilityFact vulnerability : input.vulnerabilities()) {
            List<SsvcInput> inputs = new ArrayList<>(SsvcInputs.ofVulnerability(vulnerability));
            inputs.addAll(hostInputs);
            Map<String, String> values = new LinkedHashMap<>();
            inputs.forEach(i -> values.put(i.name(), i.value()));
            int firstTrace = traces.size();

            DMNContext deployer = ruleset.dmnRuntime().newContext();
            for (String name : List.of(SsvcInputs.EXPLOITATION, SsvcInputs.SYSTEM_EXPOSURE, SsvcInputs.AUTOMATABLE,
                    SsvcInputs.SAFETY_IMPACT, SsvcInputs.MISSION_IMPACT)) {
                deployer.set(name, values.get(name));
            }
            DMNResult deployerResult = evaluate(SSVC_DEPLOYER_MODEL, deployer);
            String humanImpact = outcome(deployerResult, SsvcInputs.HUMAN_IMPACT, vulnerability);
            String patchPriority = outcome(deployerResult, "Patch Application Priority", vulnerability);

            DMNContext coordinator = ruleset.dmnRuntime().newContext();
            for (String name : List.of(SsvcInputs.EXPLOITATION, SsvcInputs.AUTOMATABLE, SsvcInputs.TECHNICAL_IMPACT)) {
                coordinator.set(name, values.get(name));
            }
            coordinator.set(SsvcInputs.MISSION_AND_WELL_BEING_IMPACT, missionAndWellBeing.value());
            String cisaLevel = outcome(evaluate(SSVC_COORDINATOR_MODEL, coordinator), "CISA Level", vulnerability);

            inputs.add(SsvcInputs.humanImpact(humanImpact));
            inputs.add(missionAndWellBeing);
            List<String> rows = traces.subList(firstTrace, traces.size()).stream()
                    .flatMap(t -> t.matchedRules().stream()).toList();
            decisions.add(new SsvcDecision(vulnerability.cve(), inputs, patchPriority, cisaLevel, rows));
        }
        return decisions;
    }

    private static String outcome(DMNResult result, String decision, VulnerabilityFact vulnerability) {
        Object value = result.getDecisionResultByName(decision).getResult();
        if (!(value instanceof String outcome)) {
            throw new IllegalStateException("SSVC decision '" + decision + "' gave no outcome for " + vulnerability.cve());
        }
        return outcome;
    }

    private Collection<RiskFactor> runRules(AssessmentInput input, List<String> fired) {
        StatelessKieSession session = sessions.newStatelessKieSession();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        });
        List<Command<?>> commands = List.of(
                CommandFactory.newInsertElements(input.facts()),
                CommandFactory.newFireAllRules(MAX_FIRINGS),
                CommandFactory.newGetObjects(new ClassObjectFilter(RiskFactor.class), "factors"));
        ExecutionResults results = session.execute(CommandFactory.newBatchExecution(commands));
        if (fired.size() >= MAX_FIRINGS) {
            throw new IllegalStateException("Rules fired " + MAX_FIRINGS + " times for one alert; a rule is looping");
        }
        @SuppressWarnings("unchecked")
        Collection<RiskFactor> factors = (Collection<RiskFactor>) results.getValue("factors");
        return factors;
    }

    /** One factor per rule, in firing order; a rule that fired for several entities keeps its points once. */
    private static List<RiskFactor> merge(Collection<RiskFactor> raw, List<String> fired) {
        Map<String, Integer> firstFiring = new HashMap<>();
        for (int i = 0; i < fired.size(); i++) {
            firstFiring.putIfAbsent(fired.get(i), i);
        }
        Map<String, List<RiskFactor>> byRule = new LinkedHashMap<>();
        raw.stream()
                .sorted(Comparator.comparingInt((RiskFactor f) -> firstFiring.getOrDefault(f.getRule(), -1)).thenComparing(RiskFactor::getReason))
                .forEach(f -> byRule.computeIfAbsent(f.getRule(), k -> new ArrayList<>()).add(f));
        List<RiskFactor> merged = new ArrayList<>();
        for (Map.Entry<String, List<RiskFactor>> rule : byRule.entrySet()) {
            List<RiskFactor> same = rule.getValue();
            // the strongest contribution counts, whether it raises or lowers the score
            int points = same.stream().mapToInt(RiskFactor::getPoints).boxed()
                    .max(Comparator.comparingInt(Math::abs)).orElse(0);
            String reason = String.join("; ", same.stream().map(RiskFactor::getReason).distinct().toList());
            merged.add(new RiskFactor(rule.getKey(), points, reason));
        }
        return merged;
    }

    /** The highest criticality among the alert's hosts; an unknown host ranks above medium (fail safe). */
    static String assetCriticality(List<HostFact> hosts) {
        String highest = "none";
        for (HostFact host : hosts) {
            String criticality = host.criticality() != null && CRITICALITY_RANK.contains(host.criticality()) ? host.criticality() : "unknown";
            if (CRITICALITY_RANK.indexOf(criticality) > CRITICALITY_RANK.indexOf(highest)) {
                highest = criticality;
            }
        }
        return highest;
    }

    /**
     * Evaluates a model, or answers from the memo: the tables are pure functions of their inputs (decision time is an
     * input, no table reads a clock), and their inputs take few distinct values, so each distinct input set is
     * evaluated once per ruleset; a hit replays the rows it matched into this thread's trace.
     */
    private DMNResult evaluate(String modelName, DMNContext context) {
        Trace trace = TRACE.get();
        MemoKey key = new MemoKey(modelName, java.util.Collections.unmodifiableMap(new HashMap<>(context.getAll())));
        Memo memo = memos.get(key);
        if (memo != null) {
            trace.entries.addAll(memo.entries());
            trace.selected = memo.selected();
            return memo.result();
        }
        DMNModel model = models.computeIfAbsent(modelName, name -> ruleset.dmnModel(name).orElseThrow());
        trace.model = modelName;
        int firstEntry = trace.entries.size();
        DMNResult result = ruleset.dmnRuntime().evaluateAll(model, context);
        if (result.hasErrors()) {
            throw new IllegalStateException("DMN model " + modelName + " failed: " + result.getMessages(org.kie.dmn.api.core.DMNMessage.Severity.ERROR));
        }
        if (memos.size() < MAX_MEMOS) {
            memos.put(key, new Memo(result, List.copyOf(trace.entries.subList(firstEntry, trace.entries.size())), trace.selected));
        }
        return result;
    }

    /** A model and the values of its inputs. */
    private record MemoKey(String model, Map<String, Object> inputs) {
    }

    /** A model's result for one input set, with the trace entries and selected rows its evaluation recorded. */
    private record Memo(DMNResult result, List<DmnTrace> entries, List<String> selected) {
    }

    private static List<ProposedAction> actions(AssessmentInput input, DMNDecisionResult decision, List<String> rowIds) {
        Object result = decision.getResult();
        List<?> rows = result instanceof List<?> list ? list : result == null ? List.of() : List.of(result);
        Set<ProposedAction> actions = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> row = (Map<?, ?>) rows.get(i);
            String type = (String) row.get("actionType");
            String impact = (String) row.get("impact");
            String ruleId = i < rowIds.size() ? rowIds.get(i) : "";
            for (String target : targets(input, (String) row.get("targetKind"))) {
                if (seen.add(type + "|" + target)) {
                    actions.add(new ProposedAction(type, target, impact, ruleId, null));
                }
            }
        }
        return List.copyOf(actions);
    }

    /** The action with what the approval policy requires for it, judged on the facts of its target. */
    private ProposedAction withApproval(AssessmentInput input, ProposedAction action) {
        List<String> assumptions = new ArrayList<>();
        String criticality = "none";
        String environment = "none";
        boolean privileged = false;
        int colon = action.target().indexOf(':');
        String kind = colon > 0 ? action.target().substring(0, colon) : "";
        String value = colon > 0 ? action.target().substring(colon + 1) : action.target();
        if (kind.equals("host")) {
            HostFact host = input.hosts().stream().filter(h -> value.equalsIgnoreCase(h.label())).findFirst().orElse(null);
            if (host == null || !host.known()) {
                criticality = "unknown";
                environment = "production";
                assumptions.add("host " + value + " is not in the inventory: treated as production");
            } else {
                criticality = host.criticality() != null && CRITICALITY_RANK.contains(host.criticality()) ? host.criticality() : "unknown";
                if (host.environment() != null && ENVIRONMENTS.contains(host.environment())) {
                    environment = host.environment();
                } else {
                    environment = "production";
                    assumptions.add("host " + value + " has no known environment: treated as production");
                }
            }
        } else if (kind.equals("user")) {
            UserFact user = input.users().stream().filter(u -> value.equalsIgnoreCase(u.name())).findFirst().orElse(null);
            if (user == null || !user.known()) {
                privileged = true;
                assumptions.add("account " + value + " is not in the identity inventory: treated as privileged");
            } else {
                privileged = user.privileged();
            }
        }

        Trace outer = TRACE.get();
        Trace own = new Trace();
        TRACE.set(own);
        try {
            DMNContext inputs = ruleset.dmnRuntime().newContext();
            inputs.set("Action Type", action.type());
            inputs.set("Impact", action.impact());
            inputs.set("Asset Criticality", criticality);
            inputs.set("Environment", environment);
            inputs.set("Privileged Identity", privileged);
            DMNResult result = evaluate(APPROVAL_MODEL, inputs);
            Map<?, ?> gate = (Map<?, ?>) result.getDecisionResultByName(APPROVAL_DECISION).getResult();
            if (gate == null || !(gate.get("gate") instanceof String gateName) || own.selected.size() != 1) {
                throw new IllegalStateException("Approval policy gave no gate for " + action.type() + " on " + action.target()
                        + "; the table must end with a catch-all row");
            }
            Integer expiry = gate.get("expiryMinutes") instanceof BigDecimal minutes ? minutes.intValueExact() : null;
            return new ProposedAction(action.type(), action.target(), action.impact(), action.rule(),
                    new ApprovalRequirement(gateName, expiry, (String) gate.get("approverGroup"), own.selected.get(0), assumptions));
        } finally {
            TRACE.set(outer);
        }
    }

    private static List<String> targets(AssessmentInput input, String targetKind) {
        return switch (targetKind) {
            case "host" -> input.hosts().stream().map(h -> "host:" + h.label()).toList();
            case "user" -> input.users().stream().map(u -> "user:" + u.name()).toList();
            case "ip" -> input.ips().stream().filter(IpFact::external).map(ip -> "ip:" + ip.address()).toList();
            case "file" -> input.files().stream().map(f -> "file:" + f.label()).toList();
            case "alert" -> List.of("alert:" + input.alert().getSource() + "/" + input.alert().getExternalId());
            default -> throw new IllegalStateException("Response table gave unknown target kind '" + targetKind + "'");
        };
    }

    /** The model being evaluated on this thread and the tables evaluated so far. */
    private static final class Trace {
        private String model;
        private final List<DmnTrace> entries = new ArrayList<>();
        /** The rows the hit policy selected in the table evaluated last (for FIRST: one, where all matches are listed). */
        private List<String> selected = List.of();
    }

    /** Records matched rows into the trace of the assessment running on this thread. */
    private static final class TraceListener implements DMNRuntimeEventListener {
        @Override
        public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
            Trace trace = TRACE.get();
            if (trace != null) {
                trace.entries.add(new DmnTrace(trace.model, event.getDecisionName(),
                        event.getMatchesIds() != null ? event.getMatchesIds() : List.of()));
                trace.selected = event.getSelectedIds() != null ? List.copyOf(event.getSelectedIds()) : List.of();
            }
        }
    }
}
