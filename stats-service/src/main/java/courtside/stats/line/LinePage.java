package courtside.stats.line;

import com.fasterxml.jackson.annotation.JsonInclude;
import courtside.model.SeasonType;

import org.springframework.data.domain.Page;

import java.util.List;

/** A page of a player's or a team's lines, newest game first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LinePage(Long playerId, Long teamId, String season, SeasonType seasonType, List<StoredLine> lines,
                int page, int size, long totalLines, int totalPages) {

    static LinePage of(Long playerId, Long teamId, String season, SeasonType seasonType, Page<StatLine> found) {
        return new LinePage(playerId, teamId, season, seasonType, found.map(StoredLine::of).getContent(),
                found.getNumber(), found.getSize(), found.getTotalElements(), found.getTotalPages());
    }
}
