package dev.arbiter.context.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.arbiter.context.Vocabulary;

/**
 * An identity as the API and the imports take it. Flags default to false.
 *
 * @param id          the client's own id (from the identity provider, say); in {@code PUT} it may be left out
 * @param accountName matched case-insensitively against alert users; one identity per name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityData(
        @Pattern(regexp = Vocabulary.ID_PATTERN, message = Vocabulary.ID_MESSAGE) String id,
        @NotBlank @Size(max = 256) String accountName,
        Boolean privileged,
        Boolean serviceAccount,
        Boolean vip,
        @Size(max = 200) String department) {

    public IdentityData {
        accountName = accountName != null ? accountName.trim() : null;
        department = department != null && !department.isBlank() ? department.trim() : null;
    }

    boolean isPrivileged() {
        return Boolean.TRUE.equals(privileged);
    }

    boolean isServiceAccount() {
        return Boolean.TRUE.equals(serviceAccount);
    }

    boolean isVip() {
        return Boolean.TRUE.equals(vip);
    }

    IdentityData withId(String newId) {
        return new IdentityData(newId, accountName, privileged, serviceAccount, vip, department);
    }
}
