package dev.arbiter.common;

import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Renders Jackson and Bean Validation locations as JSON paths ({@code $.entities.hosts[0].ip}) for problem details. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The JSON path of a Jackson mapping error. */
    public static String of(JsonMappingException e) {
        return of(e.getPath());
    }

    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                appendName(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The JSON path of a Bean Validation violation on a request body. Method and parameter nodes
     * ({@code submit.alert}) are dropped: the path starts at the body.
     */
    public static String ofViolation(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder("$");
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            // Hibernate Validator puts a list index or map key on the node *inside* the container
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    appendName(path, String.valueOf(node.getKey()));
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                appendName(path, node.getName());
            }
        }
        return path.toString();
    }

    /** The path of member {@code name} of the object at {@code parent}: {@code $.a} + {@code b} is {@code $.a.b}. */
    public static String child(String parent, String name) {
        StringBuilder path = new StringBuilder(parent);
        appendName(path, name);
        return path.toString();
    }

    private static void appendName(StringBuilder path, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            path.append('.').append(name);
        } else {
            path.append("['").append(name.replace("'", "\\'")).append("']");
        }
    }
}
