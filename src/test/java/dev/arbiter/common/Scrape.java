package dev.arbiter.common;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of {@code /q/metrics} in Prometheus' text format, as a monitoring system takes it: each sample by its name
 * and labels as written ({@code arbiter_alerts_total{outcome="decided",priority="P1"}}).
 */
public final class Scrape {

    private final Map<String, Double> samples = new LinkedHashMap<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), number(line.substring(space + 1)));
        }
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    public static Scrape now() {
        return new Scrape(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The sample's value; 0 for a counter that has not counted yet (Micrometer writes it once it exists). */
    public double value(String sample) {
        return samples.getOrDefault(sample, 0.0);
    }

    /** The sample's value; fails when it is not there. */
    public double present(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("No sample " + sample + " in /q/metrics");
        }
        return value;
    }

    /** The samples whose name and labels start with {@code prefix}. */
    public List<String> startingWith(String prefix) {
        return samples.keySet().stream().filter(sample -> sample.startsWith(prefix)).toList();
    }
}
