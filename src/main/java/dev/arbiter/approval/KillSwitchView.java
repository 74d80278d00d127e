package dev.arbiter.approval;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.arbiter.common.Principal;

/** The kill switch: engaged or not, why, and who changed it last, when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KillSwitchView(boolean engaged, String reason, Instant changedAt, Principal changedBy) {
}
