package dev.arbiter.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Row ids are UUID version 7: unique, and increasing in the order they were made. */
class IdsTest {

    @Test
    void idsAreVersionSevenAndIncreaseInTheOrderTheyWereMade() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next());
        }
        long after = System.currentTimeMillis();

        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2); // RFC 9562
        });
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d after id %d", i, i - 1).isGreaterThan(ids.get(i - 1));
        }
        // the first 48 bits are the Unix time in milliseconds when the id was made
        assertThat(ids.get(0).getMostSignificantBits() >>> 16).isBetween(before, after);
        assertThat(ids.get(ids.size() - 1).getMostSignificantBits() >>> 16).isBetween(before, after);
    }
}
