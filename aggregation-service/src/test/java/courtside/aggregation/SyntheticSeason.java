package courtside.aggregation;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.Season;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real lines of the bundled 2021-22 season moved into another season: the same stats, players and teams, with
 * the dates shifted by whole years and game ids of their own. Each test takes its own season, so that none of
 * them changes another's data, while the cache is still checked against SQL at the end of every test: the test's
 * own seasons ({@link Pipeline#assertCacheEqualsSql}) or all of them ({@link Pipeline#assertWholeCacheEqualsSql}).
 */
final class SyntheticSeason {

    private static final List<BoxScoreLine> SAMPLE = BoxScoreFile.sampleSeason();

    private final int startYear;

    private SyntheticSeason(int startYear) {
        this.startYear = startYear;
    }

    /** The season starting in the autumn of {@code startYear}, e.g. 2005 for 2005-06. */
    static SyntheticSeason starting(int startYear) {
        return new SyntheticSeason(startYear);
    }

    String label() {
        return Season.startingIn(startYear);
    }

    /** Every line of the first {@code games} games of the real season, moved into this one, in file order. */
    List<Map<String, Object>> linesOfFirstGames(int games) {
        List<Map<String, Object>> lines = new ArrayList<>();
        boxScoreLinesOfFirstGames(games).forEach(line -> lines.add(line.toWire()));
        return lines;
    }

    /** The same lines as {@link #linesOfFirstGames}, as box-score lines. */
    List<BoxScoreLine> boxScoreLinesOfFirstGames(int games) {
        Set<String> gameIds = new LinkedHashSet<>();
        List<BoxScoreLine> lines = new ArrayList<>();
        for (BoxScoreLine line : SAMPLE) {
            if (gameIds.size() == games && !gameIds.contains(line.gameId())) {
                break;
            }
            gameIds.add(line.gameId());
            lines.add(line.inSeasonStartingIn(startYear));
        }
        return lines;
    }

    /**
     * A line that makes a traded player of these lines: the first game's first player, turning out for a team of a
     * later game between two other teams (he has no line in it yet), with his first line's stats.
     */
    static BoxScoreLine tradedLine(List<BoxScoreLine> lines) {
        BoxScoreLine first = lines.getFirst();
        Set<Long> firstTeams = lines.stream().filter(line -> line.gameId().equals(first.gameId()))
                .map(BoxScoreLine::teamId).collect(java.util.stream.Collectors.toSet());
        Set<String> gamesOfFirstTeams = lines.stream().filter(line -> firstTeams.contains(line.teamId()))
                .map(BoxScoreLine::gameId).collect(java.util.stream.Collectors.toSet());
        BoxScoreLine later = lines.reversed().stream().filter(line -> !gamesOfFirstTeams.contains(line.gameId()))
                .findFirst().orElseThrow();
        return new BoxScoreLine(later.gameId(), later.gameDate(), later.season(), first.playerId(), first.playerName(),
                later.teamId(), later.teamAbbreviation(), first.stats());
    }
}
