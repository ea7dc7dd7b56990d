package courtside.stats.line;

import courtside.model.FieldProblem;

import java.util.List;

/** One or more posted lines break the rules of DESIGN.md section 2: the whole request is rejected (400). */
public final class InvalidLinesException extends RejectedLinesException {

    InvalidLinesException(List<FieldProblem> problems, int lineCount) {
        super("problem(s)", problems, lineCount);
    }
}
