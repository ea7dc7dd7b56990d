package courtside.stats.line;

import courtside.model.FieldProblem;

import java.util.List;

/**
 * Posted lines belong to a season retention has dropped (409): the whole request is refused and nothing
 * changes. Accepting them would bring a dropped season back, and a purged line posted again would restart at
 * version 1, below the removal aggregation-service keeps, so it would count here and nowhere else.
 */
public final class RetiredSeasonException extends RejectedLinesException {

    private final List<String> seasons;
    private final String firstKept;

    RetiredSeasonException(List<String> seasons, String firstKept, List<FieldProblem> problems, int lineCount) {
        super("line(s) of a dropped season", problems, lineCount);
        this.seasons = List.copyOf(seasons);
        this.firstKept = firstKept;
    }

    /** The dropped seasons the request posted into, oldest first. */
    public List<String> seasons() {
        return seasons;
    }

    /** The oldest season that still takes lines. */
    public String firstKept() {
        return firstKept;
    }
}
