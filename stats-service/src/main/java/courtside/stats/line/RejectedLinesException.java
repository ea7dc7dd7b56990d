package courtside.stats.line;

import courtside.model.FieldProblem;
import courtside.support.problem.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** Posted lines that are refused as a whole: nothing of the request is stored. */
public abstract sealed class RejectedLinesException extends ErrorResponseException implements IngestRejection
        permits InvalidLinesException, LineConflictException, RetiredSeasonException {

    private final List<FieldProblem> problems;
    private final int lineCount;
    private final String reason;

    /** @param listed the problems the answer lists (all of them, or the first of many) */
    RejectedLinesException(HttpStatus status, String title, String detail, List<FieldProblem> problems,
                           List<FieldProblem> listed, int lineCount, String reason) {
        super(status, FieldProblems.problem(status, title, detail, listed), null);
        this.problems = List.copyOf(problems);
        this.lineCount = lineCount;
        this.reason = reason;
    }

    /** What is wrong, per line (by index in a batch) and field. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** How many lines the refused request carried. */
    public int lineCount() {
        return lineCount;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public int lines() {
        return lineCount;
    }
}
