/**
 * The decision engine: loads {@code rules/*.drl} and {@code dmn/*.dmn} into one immutable {@link dev.arbiter.engine.Ruleset}
 * and turns an alert with its context ({@link dev.arbiter.engine.AssessmentInput}) into an
 * {@link dev.arbiter.engine.Assessment}: risk factors and score from Drools, priority and response actions from DMN,
 * and per action what the approval policy table requires before it may go out. It also validates a
 * {@link dev.arbiter.engine.RulesetBundle} ({@link dev.arbiter.engine.RulesetValidator}: compile errors, kie-dmn's
 * decision-table analysis, the {@code rules/tests/*.yaml} scenarios run by {@link dev.arbiter.engine.ScenarioRunner}),
 * which the service, the build's tests and the offline checker {@link dev.arbiter.engine.RulesCheck} share.
 *
 * <p>Plain Java on purpose: nothing here may import Quarkus, CDI, JPA or JAX-RS, so JUnit tests, the service
 * and command-line tools all call the same code. Decision time is always an input, never the wall clock.
 */
package dev.arbiter.engine;
