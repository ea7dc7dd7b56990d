-- Applies one version of a box-score line to one ledger (a player's or a team's keys: one hash slot),
-- atomically: the line's old values leave its season sums, the new ones enter, and the new state is stored.
-- A version at or below the stored one changes nothing, which makes every delivery idempotent.
--
-- A player's season sums also name the player's latest game in the season (last_date, yyyymmdd) and its team
-- (team), which the leader tables show. Two games on the latest date tie: the greater game id (byte order, as
-- SQL's ORDER BY game_date DESC, game_id COLLATE "C" DESC and the ledger load) is the latest, whichever line came first.
--
-- KEYS[1] loaded marker   KEYS[2] line states (hash)   KEYS[3] seasons with lines (set)
-- KEYS[4] revision (a counter of the ledger's changes)
-- KEYS[5] the first season the ledger takes events of (absent: every season), see Ledger#retiredKey
-- KEYS[6] per-game line counts (hash; team ledgers only: teams count games, players count lines)
-- KEYS[7] the team's sums in each game (hash; team ledgers only): what its opponents' answers read
-- ARGV[1] key prefix of the ledger (season sums live at <prefix>:season:<season>:<season_type>)
-- ARGV[2] the line's field   ARGV[3] the new state   ARGV[4] the lowest version that may enter a ledger
--         that does not know the line (0 for players; for teams, the player ledger's latest version)
-- ARGV[5] '1' if this step tells the line's season as it leaves it, '0' if a later step of the same pipeline on the
--         same season of this ledger tells it: each of a team's dozen or so lines of a game would otherwise encode
--         the team's whole season sums, of which the leader tables keep the newest only (see Ledgers#apply)
-- Returns "<outcome> <version> <previous state> [<revision> <field> <value> ...]": unloaded, applied, duplicate,
-- stale or retired, the ledger's version of the line, and for applied the state it replaced ('-' when the ledger
-- did not know the line, or the line was not applied). Applied, duplicate and stale then give, if ARGV[5] asks, the
-- line's season as it now stands: the ledger's revision and the season's sums (none when the season has no line
-- left), so that the leader tables follow without reading back what was just written.

local STATS = { --[[STATS]] }
local FIRST_SHOOTING = --[[FIRST_SHOOTING]]
local DATE = 6 + #STATS + 1
local TEAM = DATE + 1
local PLAYER = KEYS[6] == nil
-- A counting line of another team on the player's latest date, whose tie the game ids break after it is stored.
local tiedSeason = nil

if redis.call('EXISTS', KEYS[1]) == 0 then
    return 'unloaded 0'
end

local function parse(state)
    local fields = {}
    for field in string.gmatch(state, '[^|]+') do
        fields[#fields + 1] = field
    end
    return fields
end

local new = parse(ARGV[3])
-- A season retention dropped, whose tombstones this ledger no longer holds: without them an old version would
-- count again (season labels YYYY-YY sort as the seasons do).
local retired = redis.call('GET', KEYS[5])
if retired and new[3] < retired then
    return 'retired 0'
end
local version = tonumber(new[1])

-- The step's answer: its outcome, then, if ARGV[5] asks, the revision and the sums of the line's season as this
-- step leaves them.
local function answer(outcome)
    if ARGV[5] ~= '1' then
        return outcome
    end
    local parts = { outcome, redis.call('GET', KEYS[4]) or '0' }
    for _, item in ipairs(redis.call('HGETALL', ARGV[1] .. ':season:' .. new[3] .. ':' .. new[4])) do
        parts[#parts + 1] = item
    end
    return table.concat(parts, ' ')
end

local stored = redis.call('HGET', KEYS[2], ARGV[2])
local old = nil
if stored then
    old = parse(stored)
    local storedVersion = tonumber(old[1])
    if version == storedVersion then
        return answer('duplicate ' .. old[1] .. ' -')
    elseif version < storedVersion then
        return answer('stale ' .. old[1] .. ' -')
    end
elseif version < tonumber(ARGV[4]) then
    -- The player ledger knows a newer version: this team ledger was loaded after the line left the team.
    return answer('stale ' .. ARGV[4] .. ' -')
end

-- A team's game counts once, however many of its lines it has: the game enters the season's count with its
-- first counting line and leaves it with its last.
local function countInGame(gameField, sums, seasonField, sign)
    local inGame = redis.call('HINCRBY', KEYS[6], gameField, sign)
    if inGame == 0 then
        redis.call('HDEL', KEYS[6], gameField)
    end
    if (sign == 1 and inGame == 1) or (sign == -1 and inGame == 0) then
        redis.call('HINCRBY', sums, seasonField, sign)
    end
end

-- Adds a line's values to (sign 1) or removes them from (sign -1) the team's sums in the line's game, kept as
-- "lines|lines with the shooting block|stat 1|...|stat n" (the stats in STATS order) for as long as the team has a
-- counting line in the game. A team's answer reads its opponents' sums in its games from here (Ledger#gameSumsKey).
local function addToGame(gameField, state, sign, shooting, last)
    local stored = redis.call('HGET', KEYS[7], gameField)
    local sums = stored and parse(stored) or {}
    for i = 1, 2 + #STATS do
        sums[i] = tonumber(sums[i] or 0)
    end
    sums[1] = sums[1] + sign
    if shooting then
        sums[2] = sums[2] + sign
    end
    for i = 1, last do
        sums[2 + i] = sums[2 + i] + sign * tonumber(state[6 + i])
    end
    if sums[1] == 0 then
        redis.call('HDEL', KEYS[7], gameField)
    else
        redis.call('HSET', KEYS[7], gameField, table.concat(sums, '|'))
    end
end

-- Adds (sign 1) or removes (sign -1) a line's values to or from its season's sums.
local function count(state, sign)
    if state[2] == '1' then
        return
    end
    local season, seasonType, game, shooting = state[3], state[4], state[5], state[6] == '1'
    local sums = ARGV[1] .. ':season:' .. season .. ':' .. seasonType
    local lines = redis.call('HINCRBY', sums, 'lines', sign)
    local last = shooting and #STATS or FIRST_SHOOTING - 1
    if not PLAYER then
        local gameField = season .. '|' .. seasonType .. '|' .. game
        countInGame(gameField, sums, 'games', sign)
        if shooting then
            countInGame(gameField .. '|shooting', sums, 'shooting_games', sign)
        end
        addToGame(gameField, state, sign, shooting, last)
    else
        if shooting then
            redis.call('HINCRBY', sums, 'shooting_games', sign)
        end
        -- The player's lines for each team in the season: a traded player's answer has a row per team, and only
        -- his reads the line states for them.
        local teamField = 'team:' .. state[TEAM]
        if redis.call('HINCRBY', sums, teamField, sign) == 0 then
            redis.call('HDEL', sums, teamField)
        end
    end
    for i = 1, last do
        local value = tonumber(state[6 + i])
        if value ~= 0 then
            redis.call('HINCRBY', sums, STATS[i], sign * value)
        end
    end
    local member = seasonType .. '|' .. season
    if lines == 0 then
        redis.call('DEL', sums)
        redis.call('SREM', KEYS[3], member)
        return
    end
    redis.call('SADD', KEYS[3], member)
    if PLAYER and sign == 1 then
        local latest = redis.call('HGET', sums, 'last_date')
        local date = tonumber(state[DATE])
        if latest == false or date > tonumber(latest) then
            redis.call('HSET', sums, 'last_date', state[DATE], 'team', state[TEAM])
        elseif date == tonumber(latest) and redis.call('HGET', sums, 'team') ~= state[TEAM] then
            -- Another team on the latest date: only the game ids can tell, once this line is stored. The same team
            -- (a live game's box posted again) needs no look: whichever game wins, the team is the same.
            tiedSeason = state
        end
    end
end

-- Whether game id a sorts after b byte by byte: Lua's own < follows the server's locale.
local function greaterGame(a, b)
    for i = 1, math.min(#a, #b) do
        local x, y = string.byte(a, i), string.byte(b, i)
        if x ~= y then
            return x > y
        end
    end
    return #a > #b
end

-- Names the player's latest game of the line's season again from every counting line stored, after the latest
-- one left (removed) or another team's line tied it on its date.
local function nameLatestGame(state)
    local sums = ARGV[1] .. ':season:' .. state[3] .. ':' .. state[4]
    if redis.call('EXISTS', sums) == 0 then
        return
    end
    local date, game, team = nil, nil, nil
    local fields = redis.call('HGETALL', KEYS[2])
    for i = 1, #fields, 2 do
        local other = parse(fields[i + 1])
        if other[2] == '0' and other[3] == state[3] and other[4] == state[4] then
            local otherDate = tonumber(other[DATE])
            if date == nil or otherDate > date or (otherDate == date and greaterGame(other[5], game)) then
                date, game, team = otherDate, other[5], other[TEAM]
            end
        end
    end
    if date ~= nil then
        redis.call('HSET', sums, 'last_date', tostring(date), 'team', team)
    end
end

if old then
    count(old, -1)
end
count(new, 1)
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
if PLAYER and old and old[2] == '0' and new[2] == '1'
        and redis.call('HGET', ARGV[1] .. ':season:' .. old[3] .. ':' .. old[4], 'last_date') == old[DATE] then
    -- The player's latest game may have been removed: the latest of the lines left names the team.
    nameLatestGame(old)
elseif tiedSeason then
    nameLatestGame(tiedSeason)
end
redis.call('INCR', KEYS[4])
return answer('applied ' .. new[1] .. ' ' .. (stored or '-'))
