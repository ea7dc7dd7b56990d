-- A line's season is the one its game date belongs to (a season starts in August: 2023-10-24 is in
-- 2023-24, 2024-04-14 too), the same rule as common-model's Season.of, so the database refuses what the
-- validation refuses.
ALTER TABLE stat_line ADD CONSTRAINT stat_line_season_of_game_date CHECK (
    season = (extract(year FROM game_date)::int - CASE WHEN extract(month FROM game_date) >= 8 THEN 0 ELSE 1 END)::text
             || '-'
             || lpad(((extract(year FROM game_date)::int + CASE WHEN extract(month FROM game_date) >= 8 THEN 1 ELSE 0 END) % 100)::text, 2, '0'));
