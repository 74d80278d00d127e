package dev.arbiter.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Alert fixtures from {@code src/test/resources/alerts}, with a fresh external id so tests don't collide. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String name) {
        return resource("/alerts/" + name);
    }

    /** Any test resource by its absolute classpath path, e.g. {@code /formats/suricata/et-malware-c2.json}. */
    public static String resource(String path) {
        String name = path;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with its externalId replaced. */
    public static String alert(String name, String externalId) {
        String text = read(name);
        return text.replaceFirst("\"externalId\": \"[^\"]*\"", "\"externalId\": \"" + externalId + "\"");
    }
}
