package courtside.stats.line;

import courtside.support.problem.FieldProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.List;

/** Every place of the ingest bulkhead stayed taken while the write waited (503 with {@code Retry-After}). */
public final class IngestBusyException extends ErrorResponseException implements IngestRejection {

    IngestBusyException(Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, FieldProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many writes at once",
                "Every place for a write is taken (courtside.ingest.concurrency.max-concurrent); nothing was stored. Retry shortly",
                List.of()), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    @Override
    public String reason() {
        return "busy";
    }

    @Override
    public int lines() {
        return 1;
    }
}
