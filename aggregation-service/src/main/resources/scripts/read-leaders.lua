-- Reads the top of one rank of a leader index, skipping those who do not qualify, without reading the rest:
-- the rank is walked from the top a page at a time until `limit` qualify, plus any tied with the last of them
-- (the caller breaks ties by id, so the cut must not fall inside a tie).
--
-- KEYS[1] standings (hash)   KEYS[2] the rank (sorted set)
-- ARGV[1] limit   ARGV[2] minimum games   ARGV[3] position of the attempts in a standing (0: none)
-- ARGV[4] minimum attempts   ARGV[5] position of the made stat in a standing (0 or absent: none)
-- ARGV[6] minimum makes
-- Returns member, standing, member, standing, ... best first.

local limit, minGames = tonumber(ARGV[1]), tonumber(ARGV[2])
local attemptsAt, minAttempts = tonumber(ARGV[3]), tonumber(ARGV[4])
local madeAt, minMade = tonumber(ARGV[5] or '0'), tonumber(ARGV[6] or '0')
local PAGE = 200

local function qualifies(standing)
    local fields = {}
    for field in string.gmatch(standing, '[^|]+') do
        fields[#fields + 1] = field
    end
    return tonumber(fields[2]) >= minGames and (attemptsAt == 0 or tonumber(fields[attemptsAt]) >= minAttempts)
        and (madeAt == 0 or tonumber(fields[madeAt]) >= minMade)
end

local found, count, lastScore = {}, 0, nil
local start = 0
while true do
    local page = redis.call('ZREVRANGE', KEYS[2], start, start + PAGE - 1, 'WITHSCORES')
    if #page == 0 then
        return found
    end
    for i = 1, #page, 2 do
        local member, score = page[i], page[i + 1]
        if count >= limit and score ~= lastScore then
            return found
        end
        local standing = redis.call('HGET', KEYS[1], member)
        if standing and qualifies(standing) then
            found[#found + 1] = member
            found[#found + 1] = standing
            count = count + 1
            lastScore = score
        end
    end
    start = start + PAGE
end
