-- Forgets what one ledger (one hash slot) still holds of the seasons stats-service's retention dropped, those
-- before ARGV[2], atomically: their lines' tombstones, and any per-game count, season sums or season member left of
-- them. From then on the ledger refuses events of those seasons (KEYS[5], which the apply script reads), since
-- without the tombstones an older version of a line would count again.
--
-- Only a ledger whose lines of those seasons are all removed: while one still counts (its removal event has not
-- arrived yet), nothing is touched, and a later run tries again. A ledger that is not loaded has nothing to forget:
-- its load from PostgreSQL leaves those seasons out.
--
-- KEYS[1] loaded marker   KEYS[2] line states (hash)   KEYS[3] seasons with lines (set)   KEYS[4] revision
-- KEYS[5] the first season the ledger takes events of   KEYS[6] per-game line counts (hash; team ledgers only)
-- ARGV[1] key prefix of the ledger   ARGV[2] the first season retention keeps (YYYY-YY; labels sort as seasons do)
-- Returns {'unloaded'}, {'done'} (forgotten by an earlier run), {'live', counting lines left}, or
-- {'purged', tombstones deleted, game id, game id, ...} (the distinct games of the deleted tombstones).

if redis.call('EXISTS', KEYS[1]) == 0 then
    return { 'unloaded' }
end
local firstKept = ARGV[2]
local retired = redis.call('GET', KEYS[5])
if retired and retired >= firstKept then
    return { 'done' }
end

-- A line's state starts version|deleted|season|season_type|game_id|...
local lines = redis.call('HGETALL', KEYS[2])
local doomed, games, seen, live = {}, {}, {}, 0
for i = 1, #lines, 2 do
    local deleted, season, game = string.match(lines[i + 1], '^[^|]*|([^|]*)|([^|]*)|[^|]*|([^|]*)|')
    if season < firstKept then
        if deleted == '0' then
            live = live + 1
        else
            doomed[#doomed + 1] = lines[i]
            if not seen[game] then
                seen[game] = true
                games[#games + 1] = game
            end
        end
    end
end
if live > 0 then
    return { 'live', live }
end

-- The mark first: on a full Redis it is the write that fails, before anything is deleted (a script is not rolled
-- back), so a ledger never loses tombstones without refusing their seasons' events.
redis.call('SET', KEYS[5], firstKept)
-- unpack() is bounded by Lua's C stack: long lists go in slices.
local SLICE = 1000
local changed = #doomed > 0
for from = 1, #doomed, SLICE do
    redis.call('HDEL', KEYS[2], unpack(doomed, from, math.min(from + SLICE - 1, #doomed)))
end
-- A season's sums and per-game counts go with its last counting line, so none should be left; whatever is, goes.
for _, member in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    local seasonType, season = string.match(member, '^([^|]+)|(.+)$')
    if season < firstKept then
        redis.call('SREM', KEYS[3], member)
        redis.call('DEL', ARGV[1] .. ':season:' .. season .. ':' .. seasonType)
        changed = true
    end
end
if KEYS[6] ~= nil then
    for _, field in ipairs(redis.call('HKEYS', KEYS[6])) do
        if string.match(field, '^([^|]+)') < firstKept then
            redis.call('HDEL', KEYS[6], field)
            changed = true
        end
    end
end
-- The revision counts changes of the ledger (Ledger#revisionKey); marking alone is none.
if changed then
    redis.call('INCR', KEYS[4])
end
local reply = { 'purged', #doomed }
for _, game in ipairs(games) do
    reply[#reply + 1] = game
end
return reply
