-- Writes one player's or team's season into a leader index (one season of one type, one hash slot): the
-- standing, a score in every rank, and the index's line count. The standing was derived from the ledger at
-- a revision; an older revision than the one the index holds is refused, so that of two writers racing each
-- other (two consumers, a rebuild and a consumer) the later derivation stays whatever order they arrive in.
--
-- KEYS[1] revisions (hash)   KEYS[2] standings (hash)   KEYS[3] line count   KEYS[4..] ranks (sorted sets)
-- ARGV[1] member   ARGV[2] revision   ARGV[3] the encoded standing, '' when the season has no line any more
-- ARGV[4..] the score in each rank of KEYS[4..], '' where the member is not ranked (nothing to divide by)
-- Returns 1 when written, 0 when refused as older.

local stored = redis.call('HGET', KEYS[1], ARGV[1])
if stored and tonumber(stored) >= tonumber(ARGV[2]) then
    return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])

local function lines(standing)
    if not standing then
        return 0
    end
    return tonumber(string.match(standing, '^(%d+)'))
end

local before = lines(redis.call('HGET', KEYS[2], ARGV[1]))
local after = 0
if ARGV[3] == '' then
    redis.call('HDEL', KEYS[2], ARGV[1])
    for i = 4, #KEYS do
        redis.call('ZREM', KEYS[i], ARGV[1])
    end
else
    redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
    after = lines(ARGV[3])
    for i = 4, #KEYS do
        if ARGV[i] == '' then
            redis.call('ZREM', KEYS[i], ARGV[1])
        else
            redis.call('ZADD', KEYS[i], ARGV[i], ARGV[1])
        end
    end
end
if after ~= before then
    redis.call('INCRBY', KEYS[3], after - before)
end
return 1
