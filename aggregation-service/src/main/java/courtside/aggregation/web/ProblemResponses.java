package courtside.aggregation.web;

import courtside.aggregation.average.SeasonNotFoundException;
import courtside.aggregation.problem.InvalidParameterException;
import courtside.aggregation.problem.ReadModelNotFoundException;
import courtside.model.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every error of aggregation-service as an RFC 9457 problem, shaped as stats-service's: a title, a detail and,
 * for a bad parameter, an {@code errors} list naming it. Never a stack trace or SQL text.
 */
@RestControllerAdvice
final class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(SeasonNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).header(SeasonNotFoundException.CACHE_HEADER, e.cacheSource())
                .body(problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage(), List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> readModelNotFound(ReadModelNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage(), List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                e.parameter() + " " + e.getMessage(), List.of(new FieldProblem(null, e.parameter(), e.getMessage()))));
    }

    /** A query string Tomcat cannot decode (%zz, bytes that are not UTF-8): the client's fault, not the service's. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "The query string is not valid percent-encoded UTF-8", List.of()));
    }

    /**
     * Reached only when the answer needs PostgreSQL (a miss, or Redis down) and PostgreSQL is down too. Not only
     * {@link DataAccessException}: a transaction that cannot begin throws {@link TransactionException}
     * ({@code CannotCreateTransactionException}), and a driver error may arrive wrapped in another exception.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, SQLException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("PostgreSQL unavailable for a rebuild or a bypass: {}: {}", e.getClass().getSimpleName(),
                rootMessage(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Backends unavailable",
                        "The answer is not cached and PostgreSQL cannot be reached. Retry shortly", List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (causedByDatabase(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "The request failed unexpectedly; it has been logged", List.of()));
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof TransactionException || cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(null, FieldProblem.wireName(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "%d parameter(s) are not valid".formatted(problems.size()), problems));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String message = e.getRequiredType() != null && e.getRequiredType().getSimpleName().equals("SeasonType")
                ? "must be 'regular' or 'playoffs'" : "must be an integer";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                name + " " + message, List.of(new FieldProblem(null, name, message))));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
