-- Counts lines applied in one second, in a hash of per-second counts that every instance adds to, and drops
-- the seconds older than the window now and then (when the hash has grown past twice the window).
--
-- KEYS[1] per-second counts (hash)   ARGV[1] the second (epoch)   ARGV[2] lines   ARGV[3] window in seconds

redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
local window = tonumber(ARGV[3])
if redis.call('HLEN', KEYS[1]) > 2 * window then
    local oldest = tonumber(ARGV[1]) - window
    for _, second in ipairs(redis.call('HKEYS', KEYS[1])) do
        if tonumber(second) <= oldest then
            redis.call('HDEL', KEYS[1], second)
        end
    end
end
return 1
