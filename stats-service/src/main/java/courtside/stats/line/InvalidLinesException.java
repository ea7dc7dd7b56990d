package courtside.stats.line;

import courtside.model.FieldProblem;
import org.springframework.http.HttpStatus;

import java.util.List;

/** One or more posted lines break the rules of DESIGN.md section 2: the whole request is rejected (400). */
public final class InvalidLinesException extends RejectedLinesException {

    /**
     * The most problems one answer lists: a batch of 1,000 empty objects has 14,000, a response of a megabyte that
     * no client reads to the end. The detail still counts them all.
     */
    static final int MAX_LISTED_PROBLEMS = 100;

    InvalidLinesException(List<FieldProblem> problems, int lineCount) {
        super(HttpStatus.BAD_REQUEST, "Invalid box-score line", detail(problems.size(), lineCount), problems,
                problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)), lineCount, "invalid");
    }

    private static String detail(int problems, int lineCount) {
        String listed = problems > MAX_LISTED_PROBLEMS ? "; the first %d are listed".formatted(MAX_LISTED_PROBLEMS) : "";
        return "%d problem(s) in %d posted line(s); nothing was stored%s".formatted(problems, lineCount, listed);
    }
}
