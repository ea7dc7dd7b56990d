package courtside.stats.line;

import courtside.model.FieldProblem;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The lines of one game as a write sees them (stored ones plus those earlier in the same batch), and the
 * game's rules: at most two teams, one date, one season, one season type. Removed lines count for none.
 */
final class GameLines {

    private final Map<Long, StatLine> byPlayer = new HashMap<>();

    StatLine line(long playerId) {
        return byPlayer.get(playerId);
    }

    void put(StatLine line) {
        byPlayer.put(line.id().playerId(), line);
    }

    /** What stops {@code request} (at {@code index} of its batch) from joining the game, if anything. */
    Optional<FieldProblem> conflictWith(StatLineRequest request, int index) {
        StatLine own = byPlayer.get(request.playerId());
        if (own != null && !own.deleted() && own.teamId() != request.teamId()) {
            return Optional.of(new FieldProblem(index, "team_id", ("the line of player %d in game %s is stored under "
                    + "team %d; a correction cannot move it to another team: DELETE /log/%s/%d and post it again")
                    .formatted(request.playerId(), request.gameId(), own.teamId(), request.gameId(), request.playerId())));
        }
        TreeSet<Long> teams = new TreeSet<>();
        for (StatLine other : byPlayer.values()) {
            if (other.deleted() || other.id().playerId().equals(request.playerId())) {
                continue;
            }
            teams.add(other.teamId());
            if (!other.gameDate().equals(request.gameDate())) {
                return Optional.of(new FieldProblem(index, "game_date", "game %s is dated %s, not %s"
                        .formatted(request.gameId(), other.gameDate(), request.gameDate())));
            }
            if (!other.season().equals(request.effectiveSeason())) {
                return Optional.of(new FieldProblem(index, "season", "game %s belongs to season %s, not %s"
                        .formatted(request.gameId(), other.season(), request.effectiveSeason())));
            }
            if (other.seasonType() != request.effectiveSeasonType()) {
                return Optional.of(new FieldProblem(index, "season_type", "game %s is a %s game, not %s"
                        .formatted(request.gameId(), other.seasonType().wireName(), request.effectiveSeasonType().wireName())));
            }
        }
        if (teams.size() >= 2 && !teams.contains(request.teamId())) {
            return Optional.of(new FieldProblem(index, "team_id", "game %s already has teams %s; team %d would be a third"
                    .formatted(request.gameId(), teams, request.teamId())));
        }
        return Optional.empty();
    }
}
