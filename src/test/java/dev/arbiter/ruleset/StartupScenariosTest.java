package dev.arbiter.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.engine.Ruleset;
import dev.arbiter.engine.RulesetBundle;
import dev.arbiter.engine.RulesetException;
import dev.arbiter.engine.RulesetSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Folders on disk whose scenarios fail never become live at start-up. */
@QuarkusTest
class StartupScenariosTest {

    private static final String FAILING = """
            scenarios:
              - name: A quiet alert is made out to be P1
                alert: { category: other, severity: informational, occurredAt: 2026-11-25T10:00:00Z }
                expect:
                  priority: P1
            """;

    @Inject
    RulesetService service;

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetRepository versions;

    @Inject
    AuditRepository audit;

    @Test
    void aFailingScenarioKeepsTheRecordedLiveVersionAndIsAuditedAsRefused() {
        RulesetBundle bundle = changedBundle();
        Ruleset built = Ruleset.build(bundle.source());
        String liveBefore = active.get().version();
        Optional<String> live = QuarkusTransaction.requiringNew().call(() -> versions.slotVersion(RulesetSlot.LIVE));
        assertThat(live).isPresent();

        assertThat(service.startupScenariosPass(bundle, built, live)).isFalse();

        assertThat(active.get().version()).isEqualTo(liveBefore);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(versions.findByIdOptional(bundle.version())).get().extracting(v -> v.status).isEqualTo(RulesetVersion.REFUSED);
            assertThat(audit.forSubject(bundle.version())).extracting(e -> e.type).contains("ruleset.refused");
        });
    }

    @Test
    void aFailingScenarioWithNothingLiveStopsStartUpNamingTheScenario() {
        RulesetBundle bundle = changedBundle();

        assertThatThrownBy(() -> service.startupScenariosPass(bundle, Ruleset.build(bundle.source()), Optional.empty()))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/tests/startup.yaml")
                .hasMessageContaining("A quiet alert is made out to be P1");
    }

    /** The shipped files with one comment added (so another version) and a scenario that fails. */
    private RulesetBundle changedBundle() {
        Map<String, String> files = new TreeMap<>(active.startupBundle().source().files());
        files.put("rules/time.drl", files.get("rules/time.drl") + "\n// changed by StartupScenariosTest\n");
        return new RulesetBundle(new RulesetSource(files), new TreeMap<>(Map.of("rules/tests/startup.yaml", FAILING)));
    }
}
