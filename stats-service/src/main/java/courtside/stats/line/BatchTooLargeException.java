package courtside.stats.line;

import courtside.support.problem.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** More lines in one request than a batch may hold (413). */
public final class BatchTooLargeException extends ErrorResponseException implements IngestRejection {

    private final int lines;
    private final int maxLines;

    BatchTooLargeException(int lines, int maxLines) {
        super(HttpStatus.CONTENT_TOO_LARGE, FieldProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Batch too large",
                "More than %d lines posted (the rest of the body was not read); a batch holds at most %d"
                        .formatted(maxLines, maxLines), List.of()), null);
        this.lines = lines;
        this.maxLines = maxLines;
    }

    @Override
    public String reason() {
        return "too_large";
    }

    @Override
    public int lines() {
        return lines;
    }

    public int maxLines() {
        return maxLines;
    }
}
