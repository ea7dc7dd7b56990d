-- The bare GROUP BY a full rebuild is judged against: every player's season sums, and every team's per-game
-- sums (docs/design.md section 3's team per_game view), over all stored lines. Both result sets are read whole.
SELECT player_id, season, season_type, count(*) AS lines, count(fgm) AS shooting_lines,
       sum(points), sum(rebounds), sum(assists), sum(steals), sum(blocks), sum(turnovers), sum(fouls),
       sum(minutes_played), sum(fgm), sum(fga), sum(fg3m), sum(fg3a), sum(ftm), sum(fta), sum(oreb), sum(dreb)
FROM stat_line
WHERE NOT deleted
GROUP BY player_id, season, season_type;

SELECT team_id, season, season_type, game_id, count(*) AS lines, count(fgm) AS shooting_lines,
       sum(points), sum(rebounds), sum(assists), sum(steals), sum(blocks), sum(turnovers), sum(fouls),
       sum(minutes_played), sum(fgm), sum(fga), sum(fg3m), sum(fg3a), sum(ftm), sum(fta), sum(oreb), sum(dreb)
FROM stat_line
WHERE NOT deleted
GROUP BY team_id, season, season_type, game_id;
