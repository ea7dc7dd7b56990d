package courtside.support.problem;

import courtside.model.FieldProblem;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Optional;

/**
 * A query or path parameter that is not valid (400, "Invalid request parameter"), as both services answer it: one
 * parameter named in the detail, or "N parameter(s) are not valid", and an {@code errors} entry per parameter.
 *
 * <p>A value that does not convert is answered alone, as the first such parameter of the request (the others were
 * not looked at, as with a plain request parameter), whether it was a plain parameter or a component of a query
 * record; broken constraints are listed in the order of the parameters and of a record's components.
 */
public final class InvalidRequestParameterException extends ErrorResponseException {

    private static final String TITLE = "Invalid request parameter";

    private InvalidRequestParameterException(String detail, List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, FieldProblems.problem(HttpStatus.BAD_REQUEST, TITLE, detail, problems), null);
    }

    /** One parameter that is not valid, for a rule Bean Validation cannot judge alone: "{@code name message}". */
    public static InvalidRequestParameterException of(String name, String message) {
        return new InvalidRequestParameterException(name + " " + message, List.of(new FieldProblem(null, name, message)));
    }

    /** A query string that cannot be decoded (%zz, bytes that are not UTF-8): nothing names a parameter. */
    public static InvalidRequestParameterException undecodable() {
        return new InvalidRequestParameterException("The query string is not valid percent-encoded UTF-8", List.of());
    }

    /** A plain request or path parameter that does not convert to its type. */
    public static InvalidRequestParameterException of(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        return typeMismatch(name, e.getRequiredType());
    }

    /** Parameters, or components of a query record validated with them, that did not convert or broke a constraint. */
    public static InvalidRequestParameterException of(HandlerMethodValidationException e) {
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                Optional<InvalidRequestParameterException> mismatch = firstTypeMismatch(errors.getFieldErrors());
                if (mismatch.isPresent()) {
                    return mismatch.get();
                }
            }
        }
        return invalid(FieldProblems.of(e));
    }

    /** A query record, validated on its own, that did not bind (a value of the wrong type) or broke a constraint. */
    public static InvalidRequestParameterException of(MethodArgumentNotValidException e) {
        return firstTypeMismatch(e.getFieldErrors()).orElseGet(() ->
                invalid(FieldProblems.of(e.getBindingResult(), e.getParameter().getParameterType())));
    }

    private static Optional<InvalidRequestParameterException> firstTypeMismatch(List<FieldError> errors) {
        return errors.stream().filter(error -> error.contains(TypeMismatchException.class)).findFirst()
                .map(error -> typeMismatch(FieldProblem.wireName(error.getField()),
                        error.unwrap(TypeMismatchException.class).getRequiredType()));
    }

    private static InvalidRequestParameterException typeMismatch(String name, Class<?> requiredType) {
        String expected = requiredType == null ? "value" : requiredType.getSimpleName();
        String message = switch (expected) {
            case "SeasonType" -> "must be 'regular' or 'playoffs'";
            case "long", "Long", "int", "Integer" -> "must be an integer";
            default -> "is not a valid " + expected;
        };
        return of(name, message);
    }

    private static InvalidRequestParameterException invalid(List<FieldProblem> problems) {
        return new InvalidRequestParameterException("%d parameter(s) are not valid".formatted(problems.size()), problems);
    }
}
