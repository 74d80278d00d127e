package dev.arbiter.suppression;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new suppression: what it matches, why, and until when.
 *
 * @param expiresAt required; after it the suppression no longer applies
 */
public record SuppressionData(@NotNull @Valid Matcher matcher, @NotBlank @Size(max = 1000) String reason,
                              @NotNull Instant expiresAt) {

    /**
     * What an alert must have to be suppressed; every given field must match, at least one must be given.
     *
     * @param source        the alert's source, exactly
     * @param category      the alert's category
     * @param host          a host name or IP of the alert, in any case
     * @param user          an account of the alert, in any case
     * @param titleContains a substring of the alert's title, in any case
     */
    public record Matcher(@Size(max = 200) String source,
                          @Pattern(regexp = CATEGORIES, message = "must be one of " + CATEGORY_LIST) String category,
                          @Size(max = 253) String host,
                          @Size(max = 256) String user,
                          @Size(min = 3, max = 500) String titleContains) {

        static final String CATEGORIES = "malware|phishing|credential-access|lateral-movement|exfiltration|"
                + "command-and-control|privilege-escalation|vulnerability|policy-violation|reconnaissance|other";
        static final String CATEGORY_LIST = "malware, phishing, credential-access, lateral-movement, exfiltration, "
                + "command-and-control, privilege-escalation, vulnerability, policy-violation, reconnaissance, other";

        boolean isEmpty() {
            return source == null && category == null && host == null && user == null && titleContains == null;
        }
    }
}
