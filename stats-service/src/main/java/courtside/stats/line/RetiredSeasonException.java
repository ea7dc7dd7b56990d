package courtside.stats.line;

import courtside.model.FieldProblem;
import org.springframework.http.HttpStatus;

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
        super(HttpStatus.CONFLICT, "Season dropped by retention", detail(seasons, firstKept), problems, problems,
                lineCount, "dropped_season");
        this.seasons = List.copyOf(seasons);
        this.firstKept = firstKept;
    }

    private static String detail(List<String> seasons, String firstKept) {
        String which = seasons.size() == 1 ? "Season " + seasons.getFirst() + " was"
                : "Seasons " + String.join(", ", seasons) + " were";
        return "%s dropped by retention (courtside.retention.keep-seasons): seasons before %s take no more lines. Nothing was stored"
                .formatted(which, firstKept);
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
