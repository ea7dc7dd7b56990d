package courtside.aggregation.web;

import courtside.support.problem.FieldProblems;
import courtside.support.problem.ParameterProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLException;
import java.util.List;

/**
 * Every error of aggregation-service as an RFC 9457 problem, shaped as stats-service's: a title, a detail and,
 * for a bad parameter, an {@code errors} list naming it. Never a stack trace or SQL text.
 *
 * <p>The read models' own answers carry their problem ({@link ErrorResponseException}: nothing found, with
 * {@code X-Cache} for an average; a parameter only they can judge) and are answered as they are; parameters that do
 * not bind or break a constraint are answered as in stats-service ({@link ParameterProblemResponses}). What
 * stays here is what only this service decides: PostgreSQL lost while an answer needs it.
 */
@RestControllerAdvice
final class ProblemResponses extends ParameterProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

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
                .body(FieldProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Backends unavailable",
                        "The answer is not cached and PostgreSQL cannot be reached. Retry shortly", List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (causedByDatabase(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(FieldProblems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed unexpectedly; it has been logged",
                List.of()));
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
}
