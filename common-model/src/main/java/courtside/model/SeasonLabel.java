package courtside.model;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A season such as {@code 2021-22}, by the rule in common-model (consecutive years), so that a query for
 * {@code 2021-23} is a 400 and not an empty 404. {@code null} is valid: the parameter is optional.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SeasonLabel.Rule.class)
public @interface SeasonLabel {

    String message() default "must be YYYY-YY with consecutive years, e.g. 2021-22";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Rule implements ConstraintValidator<SeasonLabel, String> {
        @Override
        public boolean isValid(String season, ConstraintValidatorContext context) {
            return season == null || Season.isValid(season);
        }
    }
}
