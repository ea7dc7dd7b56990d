package courtside.stats.line;

import courtside.support.problem.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Optional;

/**
 * The body of a write could not be read as JSON: malformed, not UTF-8, over a parsing limit or over the body cap.
 * Nothing was stored; the cause tells which, and so picks the status (400 or 413) and the words of the problem.
 */
public final class UnreadableBodyException extends ErrorResponseException implements IngestRejection {

    private final String reason;

    UnreadableBodyException(Throwable cause) {
        this(cause, Reading.of(cause));
    }

    private UnreadableBodyException(Throwable cause, Reading reading) {
        super(HttpStatus.valueOf(reading.problem().getStatus()), reading.problem(), cause);
        this.reason = reading.reason();
    }

    /**
     * A body Spring's message conversion could not read (an endpoint binding a {@code @RequestBody}): over the body
     * cap, or else malformed. Parsing limits and encodings are told apart only where {@code POST /log} streams its body.
     */
    public static UnreadableBodyException ofConversion(Throwable cause) {
        return new UnreadableBodyException(cause, Reading.tooLarge(cause).orElseGet(() -> Reading.malformed(cause)));
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public int lines() {
        return 1;
    }

    /** What went wrong while reading, found in the cause chain. */
    private record Reading(ProblemDetail problem, String reason) {

        static Reading of(Throwable cause) {
            Optional<Reading> tooLarge = tooLarge(cause);
            if (tooLarge.isPresent()) {
                return tooLarge.get();
            }
            if (findCause(cause, StreamConstraintsException.class) != null) {
                return new Reading(FieldProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body over a parsing limit",
                        "A string, number, field name, nesting or token count of the body is far beyond what any box-score "
                                + "batch needs (see docs/input-limits.md); nothing was stored", List.of()), "too_large");
            }
            if (findCause(cause, CharacterCodingException.class) != null) {
                return malformed("The request body is not valid UTF-8");
            }
            return malformed(cause);
        }

        static Optional<Reading> tooLarge(Throwable cause) {
            return Optional.ofNullable(findCause(cause, RequestSizeLimitFilter.RequestBodyTooLargeException.class))
                    .map(tooLarge -> new Reading(FieldProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                            "The body is larger than %d bytes; post smaller batches".formatted(tooLarge.maxBytes()), List.of()),
                            "too_large"));
        }

        static Reading malformed(Throwable cause) {
            JacksonException json = findCause(cause, JacksonException.class);
            if (json != null && json.getLocation() != null && json.getLocation() != TokenStreamLocation.NA) {
                return malformed("The request body is not valid JSON (line %d, column %d)"
                        .formatted(json.getLocation().getLineNr(), json.getLocation().getColumnNr()));
            }
            return malformed("The request body is missing or is not JSON");
        }

        private static Reading malformed(String detail) {
            return new Reading(FieldProblems.problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, List.of()),
                    "malformed");
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
}
