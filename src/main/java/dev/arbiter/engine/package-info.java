/**
 * The decision engine: loads {@code rules/*.drl} and {@code dmn/*.dmn} into one immutable {@link dev.arbiter.engine.Ruleset}
 * and turns an alert with its context ({@link dev.arbiter.engine.AssessmentInput}) into an
 * {@link dev.arbiter.engine.Assessment}: risk factors and score from Drools, priority and response actions from DMN,
 * and per action what the approval policy table requires before it may go out.
 *
 * <p>Plain Java on purpose: nothing here may import Quarkus, CDI, JPA or JAX-RS, so JUnit tests, the service
 * and command-line tools all call the same code. Decision time is always an input, never the wall clock.
 */
package dev.arbiter.engine;
