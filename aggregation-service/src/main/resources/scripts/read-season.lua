-- Reads one season's sums from a ledger in one round trip, choosing the latest season of the type when
-- none is asked for.
--
-- KEYS[1] loaded marker   KEYS[2] seasons with lines (set)   KEYS[3] revision
-- ARGV[1] key prefix   ARGV[2] season, or '' for the latest   ARGV[3] season type
-- Returns {'unloaded'}, {'none', revision} (no such season), or {'found', revision, season, field, value, ...}.

if redis.call('EXISTS', KEYS[1]) == 0 then
    return { 'unloaded' }
end
local revision = redis.call('GET', KEYS[3]) or '0'
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
        return { 'none', revision }
    end
    season = latest
end
local sums = redis.call('HGETALL', ARGV[1] .. ':season:' .. season .. ':' .. ARGV[3])
if #sums == 0 then
    return { 'none', revision }
end
local found = { 'found', revision, season }
for _, item in ipairs(sums) do
    found[#found + 1] = item
end
return found
