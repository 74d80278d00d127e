package dev.arbiter.intake.format;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.arbiter.intake.Alert;

/** A format whose every document is exactly one alert. */
abstract class SingleAlertFormat implements AlertFormat {

    @Override
    public final List<MappedAlert> map(JsonNode document) {
        Draft draft = new Draft(name());
        map(Field.root(document), draft);
        return List.of(draft.build(null));
    }

    /** The one alert of the document, without the origins: for tests and tools. */
    public final Alert mapOne(JsonNode document) {
        return map(document).get(0).alert();
    }

    /** Fills the draft from the document, or throws {@link DocumentException} naming the field. */
    abstract void map(Field document, Draft alert);
}
