package courtside.aggregation.leaders;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.ledger.Ledger;
import courtside.support.problem.InvalidRequestParameterException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Leader tables of players and teams, and the seasons they exist for. */
@RestController
final class LeadersController {

    private final LeaderBoard board;

    LeadersController(LeaderBoard board) {
        this.board = board;
    }

    @Operation(summary = "Players ranked by a stat per game (or a shooting percentage), with games played and team")
    @GetMapping("/leaders")
    ResponseEntity<LeaderBoard.Table> players(@ParameterObject @Valid LeaderQuery query) {
        return table(Ledger.Side.PLAYER, query);
    }

    @Operation(summary = "Teams ranked by a stat per team game (or a shooting percentage)")
    @GetMapping("/leaders/teams")
    ResponseEntity<LeaderBoard.Table> teams(@ParameterObject @Valid LeaderQuery query) {
        return table(Ledger.Side.TEAM, query);
    }

    /** The seasons with lines, newest first, for the dashboard's pickers. */
    record Seasons(List<LeaderBoard.Season> seasons) {
    }

    @Operation(summary = "Every season (and season type) with lines, newest first")
    @GetMapping("/seasons")
    Seasons seasons() {
        return new Seasons(board.seasons(Ledger.Side.PLAYER));
    }

    private ResponseEntity<LeaderBoard.Table> table(Ledger.Side side, LeaderQuery query) {
        LeaderStat stat = LeaderStat.of(query.stat(), false).orElseThrow(() -> InvalidRequestParameterException.of("stat",
                "must be one of " + String.join(", ", LeaderStat.names())));
        LeaderBoard.Table table = board.table(new LeaderBoard.Query(side, query.season(), query.seasonType(), stat,
                query.limit(), query.minGames(), query.minAttempts()));
        return ResponseEntity.ok().header(CacheSource.HEADER, table.source().name()).body(table);
    }
}
