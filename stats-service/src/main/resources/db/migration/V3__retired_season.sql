-- Retention (courtside.retention.keep-seasons) drops old seasons: their lines are removed like a DELETE (new
-- version, event), and once those events are published the tombstones are deleted for good. Seasons before
-- first_kept are retired: stats-service refuses new lines for them, because a purged line posted again would
-- start over at version 1, below the removal version aggregation-service keeps, and be ignored there.
-- At most one row; first_kept only moves forward, even when the setting is lowered or turned off later.
CREATE TABLE retired_season (
    only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    first_kept varchar(7)  NOT NULL CHECK (first_kept ~ '^[0-9]{4}-[0-9]{2}$'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tombstones are rare (a DELETE, or retention on its way), and the partial indexes of V1 leave them out, so
-- retention finds those of a retired season through this small index instead of reading the whole table.
CREATE INDEX stat_line_tombstones ON stat_line (season, game_id) WHERE deleted;
