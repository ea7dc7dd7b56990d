-- A box-score line: one player in one game, as DESIGN.md section 2 defines it. The CHECK constraints
-- mirror the request validation, so that no path into this table can store a line the API would reject.
CREATE TABLE stat_line (
    game_id           varchar(32)  NOT NULL CHECK (game_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    player_id         bigint       NOT NULL CHECK (player_id > 0),
    -- Goes up by one with every change, removals included, so versions of a line never go backwards.
    version           bigint       NOT NULL CHECK (version >= 1),
    -- A removed line stays as a tombstone that keeps its version; every read skips it.
    deleted           boolean      NOT NULL DEFAULT false,
    game_date         date         NOT NULL,
    season            varchar(7)   NOT NULL CHECK (season ~ '^[0-9]{4}-[0-9]{2}$'),
    season_type       varchar(8)   NOT NULL CHECK (season_type IN ('regular', 'playoffs')),
    player_name       varchar(100),
    team_id           bigint       NOT NULL CHECK (team_id > 0),
    team_abbreviation varchar(5)   CHECK (team_abbreviation ~ '^[A-Z]{2,5}$'),
    points            integer      NOT NULL CHECK (points >= 0),
    rebounds          integer      NOT NULL CHECK (rebounds >= 0),
    assists           integer      NOT NULL CHECK (assists >= 0),
    steals            integer      NOT NULL CHECK (steals >= 0),
    blocks            integer      NOT NULL CHECK (blocks >= 0),
    turnovers         integer      NOT NULL CHECK (turnovers >= 0),
    fouls             integer      NOT NULL CHECK (fouls BETWEEN 0 AND 6),
    minutes_played    numeric(6, 3) NOT NULL CHECK (minutes_played >= 0),
    overtime_periods  integer      NOT NULL DEFAULT 0 CHECK (overtime_periods BETWEEN 0 AND 10),
    fgm               integer      CHECK (fgm >= 0),
    fga               integer      CHECK (fga >= 0),
    fg3m              integer      CHECK (fg3m >= 0),
    fg3a              integer      CHECK (fg3a >= 0),
    ftm               integer      CHECK (ftm >= 0),
    fta               integer      CHECK (fta >= 0),
    oreb              integer      CHECK (oreb >= 0),
    dreb              integer      CHECK (dreb >= 0),
    plus_minus        integer,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    PRIMARY KEY (game_id, player_id),
    CONSTRAINT stat_line_minutes_cap CHECK (minutes_played <= 48.0 + 5.0 * overtime_periods),
    CONSTRAINT stat_line_shooting_all_or_none CHECK (
        num_nulls(fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb) IN (0, 8)),
    -- With the block absent every comparison is NULL, which a CHECK accepts.
    CONSTRAINT stat_line_shooting_identities CHECK (
        fgm <= fga AND fg3m <= fg3a AND fg3m <= fgm AND ftm <= fta
        AND points = 2 * (fgm - fg3m) + 3 * fg3m + ftm
        AND rebounds = oreb + dreb)
);

-- The reads of DESIGN.md section 4: a player's or a team's lines of a season, newest game first, and the
-- season aggregates over the same rows. Tombstones are never read, so they stay out of the indexes.
CREATE INDEX stat_line_by_player ON stat_line (player_id, season_type, season, game_date DESC, game_id DESC)
    WHERE NOT deleted;
CREATE INDEX stat_line_by_team ON stat_line (team_id, season_type, season, game_date DESC, game_id DESC)
    WHERE NOT deleted;
CREATE INDEX stat_line_by_season ON stat_line (season, season_type) WHERE NOT deleted;

-- One row per game, locked (SELECT ... FOR UPDATE) by every write that touches the game, so that two
-- concurrent posts cannot together put a third team or a second date into one game.
CREATE TABLE game (
    game_id    varchar(32) PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The transactional outbox: written in the same transaction as the line, published to Kafka by the relay
-- in id order and deleted only after the broker acknowledged it.
CREATE TABLE stat_line_outbox (
    id         bigserial    PRIMARY KEY,
    event_id   uuid         NOT NULL UNIQUE,
    player_id  bigint       NOT NULL,
    event_type varchar(40)  NOT NULL,
    payload    text         NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
