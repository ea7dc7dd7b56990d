package courtside.support.problem;

import courtside.model.FieldProblem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import java.util.ArrayList;
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

    /** One problem per broken constraint of a query or path parameter, named as the client sent it. */
    public static List<FieldProblem> of(HandlerMethodValidationException e) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(null, FieldProblem.wireName(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return problems;
    }
}
