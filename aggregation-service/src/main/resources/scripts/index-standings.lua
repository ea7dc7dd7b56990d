-- Writes players' or teams' seasons into one leader index (one season of one type, one hash slot): each
-- standing, its score in every rank, and the index's line count. Each standing was derived from its ledger at a
-- revision; one older than the revision the index holds for that member is refused, so that of two writers
-- racing each other (two consumers, a rebuild and a consumer) the later derivation stays whatever order they
-- arrive in.
--
-- Many members in one call, each rank written with one ZADD: a full rebuild indexes 12,700 seasons at 20
-- seasons stored, and one ZADD per member and rank from Lua was a third of Redis's time in it.
--
-- KEYS[1] revisions (hash)   KEYS[2] standings (hash)   KEYS[3] line count   KEYS[4..] ranks (sorted sets)
-- ARGV groups of: member, revision, the encoded standing ('' when the season has no line any more), then the
--      score in each rank of KEYS[4..] ('' where the member is not ranked: nothing to divide by)
-- Returns how many members were written (the others were refused as older).

local RANKS = #KEYS - 3
local WIDTH = 3 + RANKS
-- unpack() is bounded by Lua's C stack: long argument lists go in slices.
local SLICE = 1000

-- The newest derivation of each member in this call, in the order they first appear.
local members, newest = {}, {}
for i = 1, #ARGV, WIDTH do
    local member = ARGV[i]
    if newest[member] == nil then
        members[#members + 1] = member
        newest[member] = i
    elseif tonumber(ARGV[i + 1]) > tonumber(ARGV[newest[member] + 1]) then
        newest[member] = i
    end
end

local function sliced(command, key, items)
    for from = 1, #items, SLICE do
        redis.call(command, key, unpack(items, from, math.min(from + SLICE - 1, #items)))
    end
end

local function lines(standing)
    if not standing then
        return 0
    end
    return tonumber(string.match(standing, '^(%d+)'))
end

local revisions, standings = {}, {}
for from = 1, #members, SLICE do
    local slice = { unpack(members, from, math.min(from + SLICE - 1, #members)) }
    local storedRevisions = redis.call('HMGET', KEYS[1], unpack(slice))
    local storedStandings = redis.call('HMGET', KEYS[2], unpack(slice))
    for j = 1, #slice do
        revisions[from + j - 1] = storedRevisions[j]
        standings[from + j - 1] = storedStandings[j]
    end
end

local revisionPairs, standingPairs, gone = {}, {}, {}
local added, removed = {}, {}
for r = 1, RANKS do
    added[r], removed[r] = {}, {}
end
local lineChange, written = 0, 0
for j, member in ipairs(members) do
    local at = newest[member]
    local stored = revisions[j]
    if not (stored and tonumber(stored) >= tonumber(ARGV[at + 1])) then
        written = written + 1
        revisionPairs[#revisionPairs + 1] = member
        revisionPairs[#revisionPairs + 1] = ARGV[at + 1]
        local standing = ARGV[at + 2]
        local after = 0
        if standing == '' then
            gone[#gone + 1] = member
        else
            standingPairs[#standingPairs + 1] = member
            standingPairs[#standingPairs + 1] = standing
            after = lines(standing)
        end
        for r = 1, RANKS do
            local score = ARGV[at + 2 + r]
            if standing == '' or score == '' then
                removed[r][#removed[r] + 1] = member
            else
                added[r][#added[r] + 1] = score
                added[r][#added[r] + 1] = member
            end
        end
        lineChange = lineChange + after - lines(standings[j])
    end
end

sliced('HSET', KEYS[1], revisionPairs)
sliced('HSET', KEYS[2], standingPairs)
sliced('HDEL', KEYS[2], gone)
for r = 1, RANKS do
    sliced('ZADD', KEYS[3 + r], added[r])
    sliced('ZREM', KEYS[3 + r], removed[r])
end
if lineChange ~= 0 then
    redis.call('INCRBY', KEYS[3], lineChange)
end
return written
