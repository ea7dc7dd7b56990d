package courtside.stats.line;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The rules of a box-score line that span several fields, checked by {@link StatLineRules}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StatLineRules.class)
public @interface ConsistentStatLine {

    String message() default "inconsistent box-score line";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
