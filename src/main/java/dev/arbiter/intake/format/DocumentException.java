package dev.arbiter.intake.format;

/**
 * A source document that cannot be mapped: a field of the document (by JSON path) is missing, has the wrong type or
 * an impossible value, or the document is a kind of record the format's mapper refuses to guess at.
 */
public class DocumentException extends RuntimeException {

    /** Why the document was refused. */
    public enum Kind {
        /** A field is missing or wrong. */
        INVALID,
        /** A well-formed record that is not an alert (a Suricata flow record, an OCSF class other than 2004, …). */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String field;
    private final String reason;

    public DocumentException(Kind kind, String field, String reason) {
        super(field + ": " + reason);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    static DocumentException invalid(String field, String reason) {
        return new DocumentException(Kind.INVALID, field, reason);
    }

    static DocumentException unsupported(String field, String reason) {
        return new DocumentException(Kind.UNSUPPORTED, field, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path of the offending field in the source document. */
    public String field() {
        return field;
    }

    /** What is wrong with it. */
    public String reason() {
        return reason;
    }
}
