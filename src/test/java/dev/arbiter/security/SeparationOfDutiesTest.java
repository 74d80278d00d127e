package dev.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import dev.arbiter.common.Principal;
import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.SeparationOfDuties.Duty;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
class SeparationOfDutiesTest {

    private static final Principal SUBMITTER = new Principal("user", "sod-submitter", "sod-submitter");
    private static final Principal AUTHOR = new Principal("user", "sod-author", "sod-author");
    private static final Principal APPROVER = new Principal("token", "https://idp.example.test#sod-approver", "sod-approver");

    @Inject
    SeparationOfDuties duties;

    @Inject
    DutyRepository ledger;

    @Test
    @TestSecurity(user = "sod-submitter", roles = Roles.INGEST)
    void submittingAnAlertRecordsWhoSubmittedTheDecision() {
        String decision = given().contentType(ContentType.JSON).body(Fixtures.alert("minimal.json", "sod-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        assertThat(duties.submitted(SUBMITTER, decision)).isTrue();
        assertThat(duties.submitted(APPROVER, decision)).isFalse();
        assertThat(duties.conflicts(SUBMITTER, decision, null, null)).containsExactly(Duty.SUBMITTED);
        assertThat(duties.conflicts(APPROVER, decision, null, null)).isEmpty();
        Principal sameIdOtherKind = new Principal("api-key", SUBMITTER.id(), SUBMITTER.name());
        assertThat(duties.submitted(sameIdOtherKind, decision)).isFalse();
    }

    @Test
    @TestSecurity(user = "sod-submitter", roles = Roles.INGEST)
    void theDecisionItselfNamesItsSubmitterWithoutALedgerRow() {
        String decision = given().contentType(ContentType.JSON).body(Fixtures.alert("minimal.json", "sod-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id");

        assertThat(ledgerRows(decision)).isZero();
        assertThat(duties.submitted(SUBMITTER, decision)).isTrue();
        assertThat(duties.submitted(SUBMITTER, UUID.randomUUID().toString())).isFalse();
        assertThat(duties.submitted(SUBMITTER, "not-a-decision-id")).isFalse();
    }

    @Transactional
    long ledgerRows(String subjectId) {
        return ledger.count("subjectId", subjectId);
    }

    @Test
    void authorsAndVotersAreKnownByKindAndId() {
        String decision = UUID.randomUUID().toString();
        String ruleset = "sha256:" + "ab".repeat(32);
        String approval = UUID.randomUUID().toString();
        duties.record(AUTHOR, ruleset, Duty.AUTHORED);
        duties.record(APPROVER, approval, Duty.VOTED);
        duties.record(APPROVER, approval, Duty.VOTED); // recording twice is harmless

        assertThat(duties.conflicts(AUTHOR, decision, ruleset, approval)).containsExactly(Duty.AUTHORED);
        assertThat(duties.conflicts(APPROVER, decision, ruleset, approval)).containsExactly(Duty.VOTED);
        assertThat(duties.conflicts(SUBMITTER, decision, ruleset, approval)).isEmpty();
        Principal sameNameOtherKind = new Principal("api-key", APPROVER.id(), APPROVER.name());
        assertThat(duties.voted(sameNameOtherKind, approval)).isFalse();
    }
}
