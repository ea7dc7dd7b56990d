package courtside.stats.line;

import courtside.model.FieldProblem;

import java.util.List;

/** Posted lines that are refused as a whole: nothing of the request is stored. */
public abstract sealed class RejectedLinesException extends RuntimeException
        permits InvalidLinesException, LineConflictException, RetiredSeasonException {

    private final List<FieldProblem> problems;
    private final int lineCount;

    RejectedLinesException(String what, List<FieldProblem> problems, int lineCount) {
        super(problems.size() + " " + what + " in " + lineCount + " line(s)");
        this.problems = List.copyOf(problems);
        this.lineCount = lineCount;
    }

    /** What is wrong, per line (by index in a batch) and field. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** How many lines the refused request carried. */
    public int lineCount() {
        return lineCount;
    }
}
