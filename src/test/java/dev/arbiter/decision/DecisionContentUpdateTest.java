package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.Type;
import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * What was decided is written once: an update of a stored decision writes only its occurrence count and when its
 * latest alert arrived (dedup), never the decision's content, so attaching an alert does not send, compress and log
 * the decision's JSON again (issue #9).
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class DecisionContentUpdateTest {

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    DecisionRepository decisions;

    @Test
    void onlyTheOccurrenceColumnsAreUpdatable() {
        EntityPersister persister = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(StoredDecision.class);
        String[] names = persister.getPropertyNames();
        boolean[] updatable = persister.getPropertyUpdateability();
        Type[] types = persister.getPropertyTypes();
        List<String> updated = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (updatable[i] && !types[i].isCollectionType()) {
                updated.add(names[i]);
            }
        }

        assertThat(updated).containsExactlyInAnyOrder("occurrenceCount", "lastSeenAt");
    }

    @Test
    void aChangedDecisionKeepsWhatWasDecided() {
        UUID id = UUID.fromString(given().contentType(ContentType.JSON)
                .body(Fixtures.alert("powershell-cradle.json", "content-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts").then().statusCode(201).extract().path("id"));
        StoredDecision before = QuarkusTransaction.requiringNew().call(() -> decisions.findById(id));
        Instant later = before.lastSeenAt.plusSeconds(60);

        QuarkusTransaction.requiringNew().run(() -> {
            StoredDecision decision = decisions.findById(id);
            decision.occurrenceCount = 5;
            decision.lastSeenAt = later;
            decision.priority = "P4".equals(decision.priority) ? "P1" : "P4";
            decision.riskScore = decision.riskScore + 1;
            decision.factorsJson = "[]";
            decision.contextJson = "{}";
        });

        StoredDecision after = QuarkusTransaction.requiringNew().call(() -> decisions.findById(id));
        assertThat(after.occurrenceCount).isEqualTo(5);
        assertThat(after.lastSeenAt).isEqualTo(later);
        assertThat(after.priority).isEqualTo(before.priority);
        assertThat(after.riskScore).isEqualTo(before.riskScore);
        assertThat(after.factorsJson).isEqualTo(before.factorsJson);
        assertThat(after.contextJson).isEqualTo(before.contextJson);
    }
}
