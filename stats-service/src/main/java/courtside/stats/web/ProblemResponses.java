package courtside.stats.web;

import courtside.model.FieldProblem;
import courtside.stats.line.BatchTooLargeException;
import courtside.stats.line.IngestMetrics;
import courtside.stats.line.IngestConcurrency;
import courtside.stats.line.InvalidLinesException;
import courtside.stats.line.LineConflictException;
import courtside.stats.line.RetiredSeasonException;
import courtside.stats.line.UnreadableBodyException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every error of stats-service as an RFC 9457 problem ({@code application/problem+json}): a title, a detail a
 * client can act on and, for bad input, an {@code errors} list naming each field (and the line's index in a
 * batch). Never a stack trace, an exception message from a library, or SQL text.
 */
@RestControllerAdvice
final class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /**
     * The most problems one answer lists: a batch of 1,000 empty objects has 14,000, a response of a megabyte that
     * no client reads to the end. The detail still counts them all.
     */
    static final int MAX_LISTED_PROBLEMS = 100;

    private final IngestMetrics metrics;
    private final IngestConcurrency concurrency;

    ProblemResponses(IngestMetrics metrics, IngestConcurrency concurrency) {
        this.metrics = metrics;
        this.concurrency = concurrency;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidLines(InvalidLinesException e) {
        metrics.rejected("invalid", e.lineCount());
        List<FieldProblem> problems = e.problems();
        String listed = problems.size() > MAX_LISTED_PROBLEMS ? "; the first %d are listed".formatted(MAX_LISTED_PROBLEMS) : "";
        return problem(HttpStatus.BAD_REQUEST, "Invalid box-score line",
                "%d problem(s) in %d posted line(s); nothing was stored%s".formatted(problems.size(), e.lineCount(), listed),
                problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadableBody(UnreadableBodyException e) {
        RequestSizeLimitFilter.RequestBodyTooLargeException tooLarge =
                findCause(e, RequestSizeLimitFilter.RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return bodyTooLarge(tooLarge);
        }
        if (findCause(e, StreamConstraintsException.class) != null) {
            metrics.rejected("too_large", 1);
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body over a parsing limit",
                    "A string, number, field name, nesting or token count of the body is far beyond what any box-score "
                            + "batch needs (see docs/input-limits.md); nothing was stored", List.of());
        }
        metrics.rejected("malformed", 1);
        if (findCause(e, CharacterCodingException.class) != null) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The request body is not valid UTF-8", List.of());
        }
        return malformed(findCause(e, JacksonException.class));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ingestFull(BulkheadFullException e) {
        metrics.rejected("busy", 1);
        return withHeader(problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many writes at once",
                        "Every place for a write is taken (courtside.ingest.concurrency.max-concurrent); nothing was stored. Retry shortly",
                        List.of()),
                HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, concurrency.retryAfter().toSeconds())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflictingLines(LineConflictException e) {
        metrics.rejected("conflict", e.lineCount());
        return problem(HttpStatus.CONFLICT, "Conflicting box-score line",
                "%d line(s) contradict what is stored; nothing was stored".formatted(e.problems().size()), e.problems());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> retiredSeason(RetiredSeasonException e) {
        metrics.rejected("dropped_season", e.lineCount());
        String seasons = e.seasons().size() == 1 ? "Season " + e.seasons().getFirst() + " was"
                : "Seasons " + String.join(", ", e.seasons()) + " were";
        return problem(HttpStatus.CONFLICT, "Season dropped by retention",
                "%s dropped by retention (courtside.retention.keep-seasons): seasons before %s take no more lines. Nothing was stored"
                        .formatted(seasons, e.firstKept()), e.problems());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> batchTooLarge(BatchTooLargeException e) {
        metrics.rejected("too_large", e.lines());
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Batch too large",
                "More than %d lines posted (the rest of the body was not read); a batch holds at most %d".formatted(e.maxLines(), e.maxLines()), List.of());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bodyTooLarge(RequestSizeLimitFilter.RequestBodyTooLargeException e) {
        metrics.rejected("too_large", 1);
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The body is larger than %d bytes; post smaller batches".formatted(e.maxBytes()), List.of());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> missingApiKey(ApiKeyInterceptor.MissingApiKeyException e) {
        metrics.rejected("unauthorized", 1);
        return withHeader(problem(HttpStatus.UNAUTHORIZED, "API key required",
                        e.absent() ? "Writes need the X-API-Key header" : "The X-API-Key header does not match", List.of()),
                HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyInterceptor.HEADER + "\"");
    }

    /** A query string Tomcat cannot decode (%zz, bytes that are not UTF-8): the client's fault, not the service's. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "The query string is not valid percent-encoded UTF-8", List.of());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage(), List.of());
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
        return unavailable();
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

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        RequestSizeLimitFilter.RequestBodyTooLargeException tooLarge =
                findCause(e, RequestSizeLimitFilter.RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return widen(bodyTooLarge(tooLarge));
        }
        metrics.rejected("malformed", 1);
        return widen(malformed(findCause(e, JacksonException.class)));
    }

    private static ResponseEntity<ProblemDetail> malformed(JacksonException json) {
        String detail = "The request body is missing or is not JSON";
        if (json != null && json.getLocation() != null && json.getLocation() != TokenStreamLocation.NA) {
            detail = "The request body is not valid JSON (line %d, column %d)"
                    .formatted(json.getLocation().getLineNr(), json.getLocation().getColumnNr());
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(null, FieldProblem.wireName(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return widen(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "%d parameter(s) are not valid".formatted(problems.size()), problems));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        String message = switch (expected) {
            case "SeasonType" -> "must be 'regular' or 'playoffs'";
            case "long", "Long", "int", "Integer" -> "must be an integer";
            default -> "is not a valid " + expected;
        };
        return widen(problem(HttpStatus.BAD_REQUEST, "Invalid request parameter", name + " " + message,
                List.of(new FieldProblem(null, name, message))));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        return withHeader(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                        "PostgreSQL cannot be reached or has no free connection; nothing was stored. Retry shortly", List.of()),
                HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ResponseEntity<ProblemDetail> withHeader(ResponseEntity<ProblemDetail> response, String name, String value) {
        return ResponseEntity.status(response.getStatusCode()).header(name, value).body(response.getBody());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
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

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
