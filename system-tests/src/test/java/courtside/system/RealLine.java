package courtside.system;

/**
 * A real box-score line, the one docs/api.md's curl example posts: Nikola Jokic for Denver at Phoenix on 2021-10-20
 * (game 0022100012), as sample-data/nba_boxscores_2021-22_regular_season.csv has it (RealLineTests holds the two
 * together).
 */
final class RealLine {

    static final long JOKIC = 203999;
    static final long DENVER = 1610612743;
    static final String SEASON = "2021-22";
    static final String GAME_ID = "0022100012";

    static final String JOKIC_AT_PHOENIX = """
            {"game_id": "0022100012", "game_date": "2021-10-20", "season": "2021-22", "season_type": "regular",
             "player_id": 203999, "player_name": "Nikola Jokic", "team_id": 1610612743, "team_abbreviation": "DEN",
             "points": 27, "rebounds": 13, "assists": 2, "steals": 2, "blocks": 0, "turnovers": 3, "fouls": 3,
             "minutes_played": 34.717, "overtime_periods": 0,
             "fgm": 13, "fga": 22, "fg3m": 1, "fg3a": 6, "ftm": 0, "fta": 0, "oreb": 2, "dreb": 11,
             "plus_minus": 28}
            """;

    static final String PLAYER_AVERAGE = "/average/player/" + JOKIC + "?season=" + SEASON;
    static final String TEAM_AVERAGE = "/average/team/" + DENVER + "?season=" + SEASON;

    private RealLine() {
    }
}
