-- The upper bounds of every stat (common-model's BoxScoreStat.maximum(): the single-game records of the NBA with
-- headroom, see docs/input-limits.md), the plus-minus bound and the first game of the league, so that no path
-- into this table can store a line the validation and the event consumer would refuse. A value such as
-- 2147483647 points once reached the averages, the histograms and Redis from here.
ALTER TABLE stat_line
    ADD CONSTRAINT stat_line_points_bound    CHECK (points    <= 150),
    ADD CONSTRAINT stat_line_rebounds_bound  CHECK (rebounds  <= 80),
    ADD CONSTRAINT stat_line_assists_bound   CHECK (assists   <= 50),
    ADD CONSTRAINT stat_line_steals_bound    CHECK (steals    <= 20),
    ADD CONSTRAINT stat_line_blocks_bound    CHECK (blocks    <= 25),
    ADD CONSTRAINT stat_line_turnovers_bound CHECK (turnovers <= 25),
    ADD CONSTRAINT stat_line_fgm_bound       CHECK (fgm       <= 60),
    ADD CONSTRAINT stat_line_fga_bound       CHECK (fga       <= 100),
    ADD CONSTRAINT stat_line_fg3m_bound      CHECK (fg3m      <= 30),
    ADD CONSTRAINT stat_line_fg3a_bound      CHECK (fg3a      <= 50),
    ADD CONSTRAINT stat_line_ftm_bound       CHECK (ftm       <= 50),
    ADD CONSTRAINT stat_line_fta_bound       CHECK (fta       <= 60),
    ADD CONSTRAINT stat_line_oreb_bound      CHECK (oreb      <= 35),
    ADD CONSTRAINT stat_line_dreb_bound      CHECK (dreb      <= 50),
    ADD CONSTRAINT stat_line_plus_minus_bound CHECK (plus_minus BETWEEN -100 AND 100),
    ADD CONSTRAINT stat_line_first_game_date CHECK (game_date >= DATE '1946-11-01');
