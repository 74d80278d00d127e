package dev.arbiter.common;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * How many query plans Hibernate holds in its interpretation cache. A statement that adds a plan every time it runs
 * fills the cache (2,048 entries) with copies of itself: every later look-up then compares against all of them, and the
 * copies push out the plans of the other queries (issue #9, where a flood spent 6 % of the service's CPU there).
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static int cached(EntityManagerFactory factory) {
        return factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
