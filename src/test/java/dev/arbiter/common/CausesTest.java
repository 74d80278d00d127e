package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void findsTheFailureItselfOrAnyCause() {
        SQLException deepest = new SQLException("deadlock", "40P01");
        RuntimeException failure = new IllegalStateException(new RuntimeException(deepest));

        assertThat(Causes.any(failure, IllegalStateException.class::isInstance)).isTrue();
        assertThat(Causes.any(failure, SQLException.class::isInstance)).isTrue();
        assertThat(Causes.any(failure, IOException.class::isInstance)).isFalse();
    }

    @Test
    void walksALoopingChainOnce() {
        IOException first = new IOException("first");
        IOException second = new IOException("second", first);
        first.initCause(second);
        int[] visits = {0};

        assertThat(Causes.any(first, cause -> ++visits[0] > 2)).isFalse();
        assertThat(visits[0]).isEqualTo(2);
    }

    @Test
    void noFailureMatchesNothing() {
        assertThat(Causes.any(null, cause -> true)).isFalse();
    }
}
