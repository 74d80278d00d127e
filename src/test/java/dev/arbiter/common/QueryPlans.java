package dev.arbiter.common;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * How many query plans Hibernate holds in its interpretation cache. A statement that adds a plan every time it runs
 * fills the cache (2,048 entries) with copies of itself: every later look-up then compares against all of them, and
 * the copies can push the plans of the other queries out (issue #9: 6 % of the Java samples of a flood).
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static int cached(EntityManagerFactory factory) {
        return factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
