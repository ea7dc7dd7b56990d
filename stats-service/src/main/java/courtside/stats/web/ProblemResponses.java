package courtside.stats.web;

import courtside.model.FieldProblem;
import courtside.stats.line.IngestMetrics;
import courtside.stats.line.IngestRejection;
import courtside.stats.line.UnreadableBodyException;
import courtside.support.problem.FieldProblems;
import courtside.support.problem.ParameterProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Every error of stats-service as an RFC 9457 problem ({@code application/problem+json}): a title, a detail a
 * client can act on and, for bad input, an {@code errors} list naming each field (and the line's index in a
 * batch). Never a stack trace, an exception message from a library, or SQL text.
 *
 * <p>The service's own refusals carry their problem ({@link ErrorResponseException}: invalid or conflicting lines, a
 * full bulkhead, a missing key, nothing found) and are answered as they are, counted first when they refuse a write
 * ({@link IngestRejection}). What stays here is what only this service decides about other code's exceptions: a
 * lost database and a broken constraint; bad parameters are answered as in aggregation-service ({@link
 * ParameterProblemResponses}).
 */
@RestControllerAdvice
final class ProblemResponses extends ParameterProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final IngestMetrics metrics;

    ProblemResponses(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e instanceof IngestRejection rejection) {
            metrics.rejected(rejection.reason(), rejection.lines());
        }
        return super.handleErrorResponseException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return answer(UnreadableBodyException.ofConversion(e), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storedConstraint(DataIntegrityViolationException e) {
        // The validation mirrors every CHECK constraint and the game locks rule out races on the keys, so
        // this is a rule the validation missed: the client's line is at fault, and so is this code.
        log.error("A line passed validation but broke a database constraint: {}", e.getMostSpecificCause().getMessage());
        metrics.rejected("invalid", 1);
        return problem(HttpStatus.BAD_REQUEST, "Invalid box-score line",
                "The line breaks a rule of the stored data; nothing was stored", List.of());
    }

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        if (!HttpMethod.GET.matches(request.getMethod())) {
            metrics.rejected("unavailable", 1);
        }
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(FieldProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                        "PostgreSQL cannot be reached or has no free connection; nothing was stored. Retry shortly", List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (causedByLostConnection(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request failed unexpectedly; it has been logged", List.of());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                         List<FieldProblem> errors) {
        return ResponseEntity.status(status).body(FieldProblems.problem(status, title, detail, errors));
    }

    private static boolean causedByLostConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
            // 08: connection exceptions; 57P: the server shutting down (57P01 admin_shutdown, as when PostgreSQL is
            // stopped under a transaction, whose rollback then fails too).
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // HikariCP's answer for a connection it closed after the server dropped it, without an SQLState: the
            // rollback of a transaction whose connection PostgreSQL terminated fails with it.
            if (cause instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
