-- Reads one season's sums from a ledger in one round trip, choosing the latest season of the type when
-- none is asked for.
--
-- KEYS[1] loaded marker   KEYS[2] seasons with lines (set)
-- ARGV[1] key prefix   ARGV[2] season, or '' for the latest   ARGV[3] season type
-- Returns {'unloaded'}, {'none'} (no such season), or {'found', season, field, value, ...}.

if redis.call('EXISTS', KEYS[1]) == 0 then
    return { 'unloaded' }
end
local season = ARGV[2]
if season == '' then
    local latest = nil
    for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
        local seasonType, memberSeason = string.match(member, '^([^|]+)|(.+)$')
        if seasonType == ARGV[3] and (latest == nil or memberSeason > latest) then
            latest = memberSeason
        end
    end
    if latest == nil then
        return { 'none' }
    end
    season = latest
end
local sums = redis.call('HGETALL', ARGV[1] .. ':season:' .. season .. ':' .. ARGV[3])
if #sums == 0 then
    return { 'none' }
end
local found = { 'found', season }
for _, item in ipairs(sums) do
    found[#found + 1] = item
end
return found
