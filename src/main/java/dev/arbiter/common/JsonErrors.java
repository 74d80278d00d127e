package dev.arbiter.common;

import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Says in words what is wrong with a JSON value that did not fit its field (enum constants as lower-case-hyphen). */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field";
        }
        if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException) {
            Throwable cause = e.getCause();
            if (cause instanceof DateTimeParseException || isTime(e)) {
                return "must be an RFC 3339 timestamp with a zone, such as 2026-11-28T02:14:00Z";
            }
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (isTime(e)) {
                return "must be an RFC 3339 timestamp with a zone, such as 2026-11-28T02:14:00Z";
            }
            Class<?> target = mismatch.getTargetType();
            return "must be " + expected(target);
        }
        return "is not valid here";
    }

    private static boolean isTime(JsonMappingException e) {
        return e instanceof MismatchedInputException m && m.getTargetType() != null
                && java.time.temporal.Temporal.class.isAssignableFrom(m.getTargetType());
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class || target.isEnum()) {
            return target.isEnum() ? "a string, one of: " + allowed(target) : "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }

    private static String allowed(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(java.util.stream.Collectors.joining(", "));
    }

}
