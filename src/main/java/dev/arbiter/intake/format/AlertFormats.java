package dev.arbiter.intake.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.ProblemException;

/** The supported alert formats by name. */
@ApplicationScoped
public class AlertFormats {

    private final Map<String, AlertFormat> formats = new TreeMap<>();

    public AlertFormats() {
        for (AlertFormat format : List.of(new OcsfFormat(), new EcsFormat(), new SuricataFormat(), new FalcoFormat(),
                new GuardDutyFormat(), new WazuhFormat(), new AlertmanagerFormat())) {
            formats.put(format.name(), format);
        }
    }

    /** The names, sorted. */
    public List<String> names() {
        return List.copyOf(formats.keySet());
    }

    /** The format, or a 404 problem listing the supported ones. */
    public AlertFormat require(String name) {
        AlertFormat format = formats.get(name);
        if (format == null) {
            throw ProblemException.notFound("No alert format '" + name + "'; supported formats: "
                    + String.join(", ", names()));
        }
        return format;
    }
}
