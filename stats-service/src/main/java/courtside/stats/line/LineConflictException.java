package courtside.stats.line;

import courtside.model.FieldProblem;
import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * Posted lines contradict what is stored (a third team in a game, a second date, a correction that moves a
 * line to another team): the whole request is rejected (409) and nothing changes.
 */
public final class LineConflictException extends RejectedLinesException {

    LineConflictException(List<FieldProblem> problems, int lineCount) {
        super(HttpStatus.CONFLICT, "Conflicting box-score line",
                "%d line(s) contradict what is stored; nothing was stored".formatted(problems.size()),
                problems, problems, lineCount, "conflict");
    }
}
