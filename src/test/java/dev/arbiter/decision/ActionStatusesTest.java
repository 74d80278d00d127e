package dev.arbiter.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.arbiter.intake.Fixtures;
import dev.arbiter.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Setting the status of several actions at once: all of them or, when one does not exist, none. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {Roles.INGEST, Roles.ANALYST})
class ActionStatusesTest {

    @Inject
    ActionStatuses statuses;

    @Inject
    EntityManager em;

    @Test
    void setsEveryActionGivenAndRefusesAnUnknownOneChangingNothing() {
        List<UUID> actions = actionsOfANewDecision();
        assertThat(actions).hasSizeGreaterThan(1);
        String before = statusOf(actions.get(0));

        QuarkusTransaction.requiringNew().run(() -> statuses.set(actions, ActionStatuses.NO_RESPONDER));
        assertThat(actions).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo(ActionStatuses.NO_RESPONDER));

        List<UUID> withUnknown = List.of(actions.get(0), UUID.randomUUID());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                .run(() -> statuses.set(withUnknown, ActionStatuses.SUCCEEDED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No action");
        assertThat(statusOf(actions.get(0))).as("rolled back with the caller's transaction")
                .isEqualTo(ActionStatuses.NO_RESPONDER).isNotEqualTo(before);

        assertThatCode(() -> QuarkusTransaction.requiringNew()
                .run(() -> statuses.set(List.of(), ActionStatuses.SUCCEEDED)))
                .as("an empty list is nothing to do").doesNotThrowAnyException();
        assertThat(actions).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo(ActionStatuses.NO_RESPONDER));
    }

    private static List<UUID> actionsOfANewDecision() {
        return given().contentType(ContentType.JSON)
                .body(Fixtures.alert("powershell-cradle.json", "statuses-" + UUID.randomUUID()))
                .when().post("/api/v1/alerts")
                .then().statusCode(201).extract().jsonPath().getList("actions.id", String.class)
                .stream().map(UUID::fromString).toList();
    }

    private String statusOf(UUID action) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(StoredAction.class, action).status);
    }
}
