package courtside.support.problem;

import courtside.model.FieldProblem;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one shape of a problem response both services answer with: an RFC 9457 problem with a title, a detail and, when
 * there is something to point at, an {@code errors} list naming each field (and the line's index in a batch).
 */
public final class FieldProblems {

    /** The problem's extension member that lists the {@link FieldProblem}s. */
    public static final String ERRORS = "errors";

    private FieldProblems() {
    }

    /** A problem of this status, title and detail; the {@code errors} member only when there are errors. */
    public static ProblemDetail problem(HttpStatusCode status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, errors);
        }
        return problem;
    }

    /**
     * One problem per broken constraint of a query or path parameter, named as the client sent it, in the order of
     * the parameters (and of a query record's components).
     */
    public static List<FieldProblem> of(HandlerMethodValidationException e) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                problems.addAll(of(errors.getFieldErrors(), result.getMethodParameter().getParameterType()));
            } else {
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    problems.add(new FieldProblem(null, FieldProblem.wireName(result.getMethodParameter().getParameterName()),
                            error.getDefaultMessage()));
                }
            }
        }
        return problems;
    }

    /** One problem per broken constraint of a query record of this type, in the order of its components. */
    public static List<FieldProblem> of(BindingResult result, Class<?> type) {
        return of(result.getFieldErrors(), type);
    }

    private static List<FieldProblem> of(List<FieldError> errors, Class<?> type) {
        List<FieldError> ordered = new ArrayList<>(errors);
        if (type.isRecord()) {
            // Bean Validation reports a bean's violations in no set order; a record's components have one.
            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            ordered.sort(Comparator.comparingInt(error -> components.indexOf(error.getField())));
        }
        return ordered.stream()
                .map(error -> new FieldProblem(null, FieldProblem.wireName(error.getField()), error.getDefaultMessage()))
                .toList();
    }
}
