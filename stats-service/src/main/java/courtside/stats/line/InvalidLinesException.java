package courtside.stats.line;

import courtside.stats.web.FieldProblem;

import java.util.List;

/** One or more posted lines break the rules of DESIGN.md section 2: the whole request is rejected (400). */
public final class InvalidLinesException extends RuntimeException {

    private final List<FieldProblem> problems;
    private final int lineCount;

    InvalidLinesException(List<FieldProblem> problems, int lineCount) {
        super(problems.size() + " problem(s) in " + lineCount + " line(s)");
        this.problems = List.copyOf(problems);
        this.lineCount = lineCount;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public int lineCount() {
        return lineCount;
    }
}
