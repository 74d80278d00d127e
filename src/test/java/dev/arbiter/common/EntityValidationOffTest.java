package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Hibernate does not run Bean Validation on the entities it writes ({@code quarkus.hibernate-orm.validation.mode=none}
 * in application.properties): no entity carries a constraint, and the validator ran on every insert, about 15 per
 * alert (issue #9). With the setting removed, Hibernate's validation mode is {@code AUTO} and its Bean Validation
 * listener is registered for inserts, updates and deletes.
 */
@QuarkusTest
class EntityValidationOffTest {

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void noValidatorRunsWhenEntitiesAreWritten() {
        SessionFactoryImplementor factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        EventListenerRegistry registry = factory.getServiceRegistry().getService(EventListenerRegistry.class);
        List<String> listeners = new ArrayList<>();
        for (EventType<?> type : List.of(EventType.PRE_INSERT, EventType.PRE_UPDATE, EventType.PRE_DELETE)) {
            registry.getEventListenerGroup(type).listeners().forEach(l -> listeners.add(l.getClass().getSimpleName()));
        }

        assertThat(factory.getProperties().get("jakarta.persistence.validation.mode")).hasToString("NONE");
        assertThat(listeners).doesNotContain("BeanValidationEventListener");
    }
}
