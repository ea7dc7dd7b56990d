-- Writes a ledger loaded from PostgreSQL (its line states, season sums, seasons and, for teams, per-game
-- counts) unless it is loaded already: whoever loads first wins, and events are applied on top of it.
--
-- The fence is a key the loader set before it took its snapshot. If it is gone, the cache was emptied since
-- (FLUSHALL, a restart), and events may have been applied and committed on a newer snapshot meanwhile: this
-- older one must not be written, and the loader takes a new one.
--
-- A ledger's revision starts at the Redis clock in microseconds (see Ledger#revisionKey): above anything an
-- earlier load of the same ledger can have counted up to, unless it changed more than once per microsecond.
--
-- KEYS[1] loaded marker   KEYS[2] the loader's fence   KEYS[3] revision
-- ARGV[1] marker value, then groups of: key, kind ('hash', 'set' or 'value'), item count, items
--         (hash items are field, value pairs; a value is one item). Every key shares KEYS[1]'s hash tag.
-- Returns 1 when written, 0 when the ledger was loaded already, -1 when fenced out.

if redis.call('DEL', KEYS[2]) == 0 then
    return -1
end
if redis.call('EXISTS', KEYS[1]) == 1 then
    return 0
end
-- unpack() is bounded by Lua's C stack: write big hashes in slices.
local SLICE = 1000
local i = 2
while i <= #ARGV do
    local key, kind, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
    local first, last = i + 3, i + 2 + n
    if kind == 'value' then
        redis.call('SET', key, ARGV[first])
    else
        local command = kind == 'hash' and 'HSET' or 'SADD'
        for from = first, last, SLICE do
            redis.call(command, key, unpack(ARGV, from, math.min(from + SLICE - 1, last)))
        end
    end
    i = last + 1
end
local now = redis.call('TIME')
-- Concatenated, not multiplied: Lua would print the product in exponent notation, which INCR refuses.
redis.call('SET', KEYS[3], now[1] .. string.format('%06d', tonumber(now[2])))
redis.call('SET', KEYS[1], ARGV[1])
return 1
