package dev.arbiter.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A built-in role or one of the organisation's {@link TeamRoles}; the message lists them. */
@Documented
@Constraint(validatedBy = KnownRole.Validator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownRole {

    String message() default "is not a role";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks against the roles known now; a CDI bean, so it sees the configured team roles. */
    @ApplicationScoped
    class Validator implements ConstraintValidator<KnownRole, String> {

        @Inject
        TeamRoles teamRoles;

        @Override
        public boolean isValid(String role, ConstraintValidatorContext context) {
            if (role == null || teamRoles.isKnown(role)) {
                return true;
            }
            Set<String> known = new TreeSet<>(Roles.ALL);
            known.addAll(teamRoles.names());
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("unknown role " + role.replaceAll("[^a-z0-9._-]", "?")
                    + "; must be one of " + String.join(", ", known)).addConstraintViolation();
            return false;
        }
    }
}
