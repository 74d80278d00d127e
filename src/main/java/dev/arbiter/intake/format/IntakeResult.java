package dev.arbiter.intake.format;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.arbiter.common.Problem;

/**
 * What became of one alert of a document or batch line.
 *
 * @param line       the 1-based line of an {@code application/x-ndjson} batch, else absent
 * @param index      the alert's position in a document that carries several (Alertmanager), else absent
 * @param status     {@code created} (a new decision), {@code existing} (decided before: that decision),
 *                   {@code resolved} (the source closed the alert; no new decision) or {@code rejected}
 * @param decisionId the decision: new, existing, or the one a resolved alert closes; absent when there is none
 * @param priority   the decision's priority
 * @param problem    why the alert was rejected, as the single-document endpoint would have answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntakeResult(Integer line, Integer index, String status, String source, String externalId,
                           UUID decisionId, String priority, Problem problem) {

    public static final String CREATED = "created";
    public static final String EXISTING = "existing";
    public static final String RESOLVED = "resolved";
    public static final String REJECTED = "rejected";

    IntakeResult atLine(int number) {
        return new IntakeResult(number, index, status, source, externalId, decisionId, priority, problem);
    }
}
