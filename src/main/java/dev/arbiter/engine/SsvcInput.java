package dev.arbiter.engine;

/**
 * One input of an SSVC decision, with where its value came from.
 *
 * @param name   the SSVC decision point, as the DMN input is named (e.g. {@code System Exposure})
 * @param value  the published value name (e.g. {@code open})
 * @param source {@value #KEV}, {@value #SSVC_IMPORT}, {@value #ASSET}, {@value #DERIVED} or {@value #DEFAULT}
 * @param note   what exactly: the host it came from, or why a default was used; may be null
 */
public record SsvcInput(String name, String value, String source, String note) {

    /** The CVE is in CISA's Known Exploited Vulnerabilities catalog. */
    public static final String KEV = "kev";
    /** Per-CVE SSVC options imported by an administrator. */
    public static final String SSVC_IMPORT = "ssvc-import";
    /** The host facts of the alert (the asset inventory). */
    public static final String ASSET = "asset";
    /** Computed by an SSVC table from other inputs. */
    public static final String DERIVED = "derived";
    /** Nothing known: a documented default, see {@link Assessor}. */
    public static final String DEFAULT = "default";
}
