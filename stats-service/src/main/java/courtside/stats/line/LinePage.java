package courtside.stats.line;

import com.fasterxml.jackson.annotation.JsonInclude;
import courtside.model.SeasonType;

import java.util.List;

/** A page of a player's or a team's lines, newest game first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LinePage(Long playerId, Long teamId, String season, SeasonType seasonType, List<StoredLine> lines,
                int page, int size, long totalLines, int totalPages) {
}
