// The courtside dashboard: plain modules, no build step. Chart.js comes from its WebJar (window.Chart).
// Every request is relative to the page, so the dashboard also works behind a path prefix.
// Nothing from the API is ever parsed as HTML: elements are built with h() and filled with text nodes.

const STATS = [
  ['points', 'Points', 'PTS'],
  ['rebounds', 'Rebounds', 'REB'],
  ['assists', 'Assists', 'AST'],
  ['steals', 'Steals', 'STL'],
  ['blocks', 'Blocks', 'BLK'],
  ['turnovers', 'Turnovers', 'TOV'],
  ['fouls', 'Fouls', 'PF'],
  ['minutes_played', 'Minutes', 'MIN'],
  ['fgm', 'FG made', 'FGM'],
  ['fga', 'FG attempts', 'FGA'],
  ['fg3m', '3P made', '3PM'],
  ['fg3a', '3P attempts', '3PA'],
  ['ftm', 'FT made', 'FTM'],
  ['fta', 'FT attempts', 'FTA'],
  ['oreb', 'Off. rebounds', 'OREB'],
  ['dreb', 'Def. rebounds', 'DREB'],
  ['fg_pct', 'FG %', 'FG%'],
  ['fg3_pct', '3P %', '3P%'],
  ['ft_pct', 'FT %', 'FT%'],
  ['ts_pct', 'True shooting %', 'TS%'],
  ['efg_pct', 'Effective FG %', 'eFG%'],
];
const LABEL = {...Object.fromEntries(STATS.map(([key, label]) => [key, label])), ast_to: 'Assists per turnover'};
const SHORT = {...Object.fromEntries(STATS.map(([key, , short]) => [key, short])), ast_to: 'AST/TO'};
const PERCENT = new Set(['fg_pct', 'fg3_pct', 'ft_pct', 'ts_pct', 'efg_pct']);
/** TS% and eFG% are ranked over field-goal attempts: a leader row's total and attempts are FGM and FGA. */
const OVER_FIELD_GOALS = new Set(['fg_pct', 'ts_pct', 'efg_pct']);
/** Stats a single game has a value of: everything but the percentages, which only make sense summed. */
const GAME_STATS = STATS.map(([key]) => key).filter(key => !PERCENT.has(key));
const COUNTING = ['points', 'rebounds', 'assists', 'steals', 'blocks', 'turnovers', 'fouls', 'minutes_played'];
const SHOOTING = ['fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'dreb'];
const RATES = ['fg_pct', 'fg3_pct', 'ft_pct', 'ts_pct', 'efg_pct'];
/** The columns of a traded player's per-team table, in the order published tables have them. */
const TEAM_ROW_STATS = ['minutes_played', 'points', 'rebounds', 'assists', 'steals', 'blocks', 'turnovers', 'fouls'];
/** The average answers' per_mode values; per_game is the default, which the answer leaves out. */
const MODES = {per_game: 'Per game', totals: 'Totals', per_36: 'Per 36'};
const SPLIT_LAST = 10;
const LIVE_EVERY_MS = 3000;
const SEARCH_DELAY_MS = 200;
const MIN_SEARCH = 2;
const INTEGER = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const TENTHS = new Intl.NumberFormat('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1});

const $ = id => document.getElementById(id);

const state = {
  season: null,
  seasonType: 'regular',
  seasons: [],
  teams: [], // the season's teams, [{team_id, team_abbreviation}] by abbreviation: the opponent picker
  side: 'players',
  stat: 'points',
  limit: 10,
  minGames: 0,
  minAttempts: null,
  selection: null, // {kind: 'player' | 'team', id}
  perMode: 'per_game',
  last: null, // SPLIT_LAST or null: the player's or team's last games only
  vs: null, // an opponent's team id (a string) or null
  chartStat: 'points',
};

// ---- formatting -------------------------------------------------------------------------------------------------

/** A season average as the page shows it: one decimal, percentages as a percent with one decimal. */
export function formatValue(stat, value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  if (stat === 'ast_to') {
    return value.toFixed(2);
  }
  return PERCENT.has(stat) ? `${(value * 100).toFixed(1)}%` : value.toFixed(1);
}

function formatTotal(stat, total) {
  if (total === null || total === undefined) {
    return '–';
  }
  return stat === 'minutes_played' ? TENTHS.format(total) : INTEGER.format(total);
}

/** A figure of an average answer in its mode: totals as totals, per game and per 36 with one decimal. */
function formatFigure(stat, value, mode) {
  return mode === 'totals' && !PERCENT.has(stat) && stat !== 'ast_to' ? formatTotal(stat, value) : formatValue(stat, value);
}

/**
 * An element with attributes and children: strings become text nodes, so that API data is never parsed as HTML.
 * {dataset: {playerId: 1}} sets data-player-id; a null, undefined or false attribute or child is left out.
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.entries(value).forEach(([key, data]) => { element.dataset[key] = String(data); });
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined && child !== false)
    .map(child => child instanceof Node ? child : String(child)));
  return element;
}

function shortDate(iso) {
  const [, month, day] = iso.split('-').map(Number);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} ${day}`;
}

function seasonTypeName(type) {
  return type === 'playoffs' ? 'playoffs' : 'regular season';
}

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// ---- HTTP -------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
  }
}

/** GET a JSON resource; a problem+json answer becomes an ApiError carrying its title and detail. */
async function api(path, params = {}, signal) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(key, value);
    }
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, {headers: {Accept: 'application/json, application/problem+json'}, signal});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body?.title || `${response.status} ${response.statusText}`, body?.detail);
  }
  return body;
}

function seasonParams() {
  return {season: state.season, season_type: state.seasonType};
}

/** The average endpoints' mode and split; per_game, the default, is not sent, so that the answer is the plain one. */
function averageParams() {
  return {
    ...seasonParams(),
    per_mode: state.perMode === 'per_game' ? null : state.perMode,
    last: state.last,
    vs: state.vs,
  };
}

/** The answer to a split the player or team has no game in: a message in the page, not an error. */
function isEmptySplit(error) {
  return error instanceof ApiError && error.status === 404 && error.title === 'No games in split';
}

function showError(element, error) {
  if (error?.name === 'AbortError') {
    return;
  }
  element.textContent = error ? `Could not load: ${error.message}` : '';
  element.classList.toggle('hidden', !error);
}

// ---- URL state: a reload or a shared link shows the same view ------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.season = params.get('season') || null;
  state.seasonType = params.get('season_type') || 'regular';
  state.side = params.get('side') === 'teams' ? 'teams' : 'players';
  state.stat = LABEL[params.get('stat')] && params.get('stat') !== 'ast_to' ? params.get('stat') : 'points';
  state.limit = Number(params.get('limit')) || 10;
  state.minGames = Number(params.get('min_games')) || 0;
  state.minAttempts = Number(params.get('min_attempts')) || null;
  state.chartStat = GAME_STATS.includes(params.get('chart')) ? params.get('chart') : 'points';
  state.perMode = MODES[params.get('per_mode')] ? params.get('per_mode') : 'per_game';
  state.last = Number(params.get('last')) === SPLIT_LAST ? SPLIT_LAST : null;
  state.vs = /^[1-9][0-9]{0,18}$/.test(params.get('vs') ?? '') ? params.get('vs') : null;
  for (const kind of ['player', 'team']) {
    if (params.get(kind)) {
      state.selection = {kind, id: params.get(kind)};
    }
  }
}

function writeUrl() {
  const params = new URLSearchParams();
  params.set('season', state.season ?? '');
  params.set('season_type', state.seasonType);
  params.set('side', state.side);
  params.set('stat', state.stat);
  params.set('limit', state.limit);
  if (state.minGames) params.set('min_games', state.minGames);
  if (state.minAttempts) params.set('min_attempts', state.minAttempts);
  if (state.selection) {
    params.set(state.selection.kind, state.selection.id);
    params.set('chart', state.chartStat);
  }
  if (state.perMode !== 'per_game') params.set('per_mode', state.perMode);
  if (state.last) params.set('last', state.last);
  if (state.vs) params.set('vs', state.vs);
  history.replaceState(null, '', `?${params}`);
}

// ---- seasons and their teams ----------------------------------------------------------------------------------------

async function loadSeasons() {
  const {seasons} = await api('seasons');
  state.seasons = seasons;
  const names = [...new Set(seasons.map(s => s.season))];
  if (!names.includes(state.season)) {
    state.season = names[0] ?? null;
  }
  $('season').replaceChildren(...(names.length ? names.map(name => new Option(name, name)) : [new Option('no data yet', '')]));
  $('season').value = state.season ?? '';
  fillSeasonTypes();
}

function fillSeasonTypes() {
  const types = state.seasons.filter(s => s.season === state.season).map(s => s.season_type);
  if (!types.includes(state.seasonType)) {
    state.seasonType = types[0] ?? 'regular';
  }
  $('season-type').replaceChildren(...(types.length ? types : ['regular'])
    .map(type => new Option(type === 'playoffs' ? 'Playoffs' : 'Regular season', type)));
  $('season-type').value = state.seasonType;
}

/**
 * The season's teams, for the opponent picker and for naming a traded player's teams: the team leader table with
 * every team in it (no minimum of games), which the page reads anyway.
 */
async function loadTeams() {
  try {
    const {leaders} = await api('leaders/teams', {...seasonParams(), stat: 'points', limit: 1000, min_games: 0});
    state.teams = leaders.map(({team_id, team_abbreviation}) => ({team_id, team_abbreviation}))
      .sort((a, b) => (a.team_abbreviation ?? '').localeCompare(b.team_abbreviation ?? '') || a.team_id - b.team_id);
  } catch {
    state.teams = []; // the picker then offers every opponent only; the averages do not depend on it
  }
  fillOpponents();
}

/** A team's abbreviation from what the page has (the season's teams, the game log), else its id. */
function teamName(id) {
  const known = state.teams.find(team => String(team.team_id) === String(id))?.team_abbreviation
    ?? detail?.games.find(game => String(game.team_id) === String(id))?.team_abbreviation
    ?? detail?.games.find(game => String(game.opponent_id) === String(id))?.opponent_abbreviation;
  return known || `Team ${id}`;
}

/** The opponent picker: every team of the season; a team viewed cannot be its own opponent. */
function fillOpponents() {
  const options = state.teams.map(team => new Option(team.team_abbreviation || `Team ${team.team_id}`, team.team_id));
  if (state.vs && !state.teams.some(team => String(team.team_id) === state.vs)) {
    options.push(new Option(teamName(state.vs), state.vs)); // a shared link's opponent the list does not have
  }
  const viewedTeam = state.selection?.kind === 'team' ? state.selection.id : null;
  options.forEach(option => { option.disabled = option.value === viewedTeam; });
  $('split-vs').replaceChildren(new Option('Every opponent', ''), ...options);
  $('split-vs').value = state.vs ?? '';
}

// ---- leaders ------------------------------------------------------------------------------------------------------

let leadersRequest = null;
let linesAtLeaders = null;
let linesNow = null;

async function loadLeaders() {
  leadersRequest?.abort();
  const request = leadersRequest = new AbortController();
  const table = $('leaders-table');
  table.setAttribute('aria-busy', 'true');
  try {
    const body = await api(state.side === 'teams' ? 'leaders/teams' : 'leaders', {
      ...seasonParams(),
      stat: state.stat,
      limit: state.limit,
      min_games: state.minGames,
      min_attempts: PERCENT.has(state.stat) ? state.minAttempts : null,
    }, request.signal);
    renderLeaders(body);
    showError($('leaders-error'), null);
    linesAtLeaders = linesNow;
    updateRefreshCue();
  } catch (error) {
    showError($('leaders-error'), error);
    if (error.name !== 'AbortError') {
      table.tBodies[0].replaceChildren();
    }
  } finally {
    if (leadersRequest === request) {
      table.removeAttribute('aria-busy');
    }
  }
}

/** Built as elements into one replaceChildren: a table of all 600-odd players still draws in a few milliseconds. */
function renderLeaders(body) {
  const table = $('leaders-table');
  const stat = body.stat;
  const players = state.side === 'players';
  const percent = PERCENT.has(stat);
  const kind = players ? 'player' : 'team';
  table.dataset.side = state.side;
  table.dataset.stat = stat;
  table.tHead.replaceChildren(h('tr', {},
    h('th', {scope: 'col'}, '#'),
    h('th', {scope: 'col', class: 'name'}, players ? 'Player' : 'Team'),
    players && h('th', {scope: 'col', class: 'name'}, 'Team'),
    h('th', {scope: 'col', title: `${LABEL[stat]}${percent ? '' : ' per game'}`}, SHORT[stat]),
    h('th', {scope: 'col', title: 'games played'}, 'GP'),
    h('th', {scope: 'col'}, !percent ? 'Total' : OVER_FIELD_GOALS.has(stat) ? 'FGM / FGA' : 'Made / att.')));
  table.tBodies[0].replaceChildren(...body.leaders.map(entry => {
    const id = players ? entry.player_id : entry.team_id;
    const name = players ? entry.player_name : entry.team_abbreviation;
    const total = percent ? `${INTEGER.format(entry.total)} / ${INTEGER.format(entry.attempts)}` : formatTotal(stat, entry.total);
    return h('tr', {dataset: {[`${kind}Id`]: id}},
      h('td', {class: 'rank'}, entry.rank),
      h('td', {class: 'name'}, h('button', {type: 'button', class: 'link', dataset: {open: kind, id}}, name ?? `${kind} ${id}`)),
      players && h('td', {class: 'name team'}, entry.team_abbreviation ?? ''),
      h('td', {class: 'value'}, formatValue(stat, entry.value)),
      h('td', {class: 'games'}, entry.games_played),
      h('td', {class: 'total'}, total));
  }));
  const shown = body.leaders.length;
  $('leaders-caption').textContent = shown
    ? `${shown} ${players ? 'players' : 'teams'}, ${body.season} ${body.season_type}` +
      `${body.min_games ? `, at least ${body.min_games} games` : ''}` +
      `${body.min_attempts ? `, at least ${body.min_attempts} attempts` : ''}` +
      `${percent ? '' : ', per game'}`
    : 'Nobody qualifies.';
}

function updateRefreshCue() {
  const button = $('leaders-refresh');
  const fresh = linesNow !== null && linesAtLeaders !== null ? linesNow - linesAtLeaders : 0;
  button.textContent = `${INTEGER.format(fresh)} new lines: refresh`;
  button.classList.toggle('hidden', fresh <= 0);
}
// ---- live metrics -----------------------------------------------------------------------------------------------

let liveTimer = null;

async function pollLive() {
  clearTimeout(liveTimer);
  try {
    const live = await api('materialized', {}, AbortSignal.timeout(LIVE_EVERY_MS * 2));
    renderLive(live);
    $('live-dot').className = 'dot ok';
  } catch {
    $('live-dot').className = 'dot stale';
  }
  if (!document.hidden) {
    liveTimer = setTimeout(pollLive, LIVE_EVERY_MS);
  }
}

function renderLive(live) {
  $('lines-total').textContent = INTEGER.format(live.lines_total);
  // The rates are null while Redis is down (the total then comes from PostgreSQL).
  $('lines-per-minute').textContent = live.lines_per_minute === null ? '–' : INTEGER.format(live.lines_per_minute);
  $('lines-per-second').textContent = live.lines_per_second_moving_average === null ? '–'
    : live.lines_per_second_moving_average.toFixed(1);
  // The live leaders rank season totals (they move with every line), not per-game averages.
  for (const stat of ['points', 'rebounds', 'assists']) {
    const top = live.top_players?.[stat];
    $(`top-${stat}`).textContent = top ? `${top.player_name} ${formatTotal(stat, top.total)}` : '–';
  }
  const when = live.as_of ? new Date(live.as_of).toLocaleTimeString('en-US') : '';
  $('live-as-of').textContent =
    `${live.season ? `Season totals of ${live.season} ${live.season_type}; ` : ''}as of ${when}`;
  if (linesAtLeaders === null) {
    linesAtLeaders = live.lines_total;
  }
  linesNow = live.lines_total;
  updateRefreshCue();
}

// ---- search -----------------------------------------------------------------------------------------------------

let searchTimer = null;
let searchRequest = null;

function onSearchInput() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, SEARCH_DELAY_MS);
}

async function search() {
  const q = $('search').value.trim();
  searchRequest?.abort();
  if (q.length < MIN_SEARCH) {
    $('search-results').replaceChildren();
    return;
  }
  const request = searchRequest = new AbortController();
  try {
    const {players, teams} = await api('search', {q, limit: 20}, request.signal);
    const result = (kind, id, name, note) => h('li', {},
      h('button', {type: 'button', dataset: {open: kind, id}}, name, h('span', {class: 'kind'}, note)));
    // Teams first: a team matches only by its abbreviation, so a team in the answer is what was typed.
    const items = [
      ...teams.map(t => result('team', t.team_id, t.team_abbreviation, 'team')),
      ...players.map(p => result('player', p.player_id, p.player_name, p.team_abbreviation ?? '')),
    ];
    $('search-results').replaceChildren(...(items.length ? items : [h('li', {class: 'muted small'}, 'No player or team matches.')]));
  } catch (error) {
    if (error.name !== 'AbortError') {
      $('search-results').replaceChildren(h('li', {class: 'error small'}, `Search failed: ${error.message}`));
    }
  }
}

// ---- a player's or a team's season --------------------------------------------------------------------------------

let detailRequest = null;
let averageRequest = null;
/**
 * {kind, id, name, games, average, empty, season}: average is the answer in the chosen mode and split (null when
 * the split has no game: empty is then the 404's error), season the plain per-game season answer when that is
 * what average is, for the chart's season-average line.
 */
let detail = null;
const charts = {};

/** The average in the chosen mode and split, or {empty} when the player or team has no game in the split. */
async function fetchAverage(kind, id, signal) {
  try {
    return {average: await api(`average/${kind}/${id}`, averageParams(), signal), empty: null};
  } catch (error) {
    if (isEmptySplit(error)) {
      return {average: null, empty: error};
    }
    throw error;
  }
}

async function openDetail(kind, id) {
  state.selection = {kind, id: String(id)};
  writeUrl();
  fillOpponents();
  detailRequest?.abort();
  averageRequest?.abort();
  const request = detailRequest = new AbortController();
  const article = $('detail');
  article.setAttribute('aria-busy', 'true');
  try {
    const [{average, empty}, games] = await Promise.all([
      fetchAverage(kind, id, request.signal),
      api(`games/${kind}/${id}`, seasonParams(), request.signal),
    ]);
    detail = {kind, id: String(id), average, empty, games: games.games, season: plainSeason(average),
      name: games.player_name ?? games.team_abbreviation ?? `Team ${id}`, seasonLabel: games.season, seasonType: games.season_type};
    renderDetailHead();
    renderAverages();
    // Shown before drawing: Chart.js sizes a canvas from its container, which has no size while hidden.
    article.classList.remove('hidden');
    await renderCharts(request.signal);
    showError($('detail-error'), null);
    if (article.getBoundingClientRect().top > innerHeight) {
      article.scrollIntoView({behavior: 'smooth', block: 'start'});
    }
  } catch (error) {
    if (error.name !== 'AbortError') {
      article.classList.add('hidden');
      showError($('detail-error'), error);
    }
  } finally {
    if (detailRequest === request) {
      article.removeAttribute('aria-busy');
    }
  }
}

/** Another mode or split of the player or team shown: only its average is asked again, the game log stays. */
async function reloadAverage() {
  if (!detail) {
    return;
  }
  averageRequest?.abort();
  const request = averageRequest = new AbortController();
  const table = $('averages-table');
  table.setAttribute('aria-busy', 'true');
  try {
    const {average, empty} = await fetchAverage(detail.kind, detail.id, request.signal);
    detail.average = average;
    detail.empty = empty;
    detail.season = plainSeason(average) ?? detail.season;
    renderAverages();
    showError($('detail-error'), null);
  } catch (error) {
    showError($('detail-error'), error);
  } finally {
    if (averageRequest === request) {
      table.removeAttribute('aria-busy');
    }
  }
}

/** The answer itself when it is the season's per-game one (no mode, no split), else null. */
function plainSeason(average) {
  return average && !average.per_mode && !average.split ? average : null;
}

function renderDetailHead() {
  const {kind, name, games} = detail;
  $('detail').dataset.kind = kind;
  $('detail').dataset.id = detail.id;
  $('detail-title').textContent = name;
  const teams = [...new Set(games.map(g => g.team_abbreviation).filter(Boolean))];
  const season = `${detail.seasonLabel} ${seasonTypeName(detail.seasonType)}`;
  $('detail-subtitle').textContent = kind === 'player'
    ? `${teams.join(', ')} · ${games.length} games in the ${season}`
    : `${games.length} team games in the ${season}`;
}

function splitQuery(split) {
  return new URLSearchParams(Object.entries(split ?? {}).filter(([, value]) => value !== null && value !== undefined)).toString();
}

/** The split as the answer echoes it, in words: "Last 10 games against BOS", or "Whole season" without one. */
function splitText(split) {
  if (!split) {
    return 'Whole season';
  }
  const parts = [
    split.last && `last ${split.last} games`,
    split.from && `from ${split.from}`,
    split.to && `to ${split.to}`,
    split.vs && `against ${teamName(split.vs)}`,
  ].filter(Boolean).join(' ');
  return parts.charAt(0).toUpperCase() + parts.slice(1);
}

/**
 * The season (or split) as rows of stats, with one column per figure of the answer: a player's figures in the
 * answer's mode and his totals; a team's per-game and per-player views, its opponents' figures beside them when the
 * answer has them, and both totals. Then assists per turnover, and the shooting block with TS% and eFG% beside
 * FG%, 3P% and FT%.
 */
function renderAverages() {
  const {kind, average, empty} = detail;
  const table = $('averages-table');
  const article = $('detail');
  const mode = average?.per_mode ?? 'per_game';
  $('split-empty').classList.toggle('hidden', !empty);
  $('averages-box').classList.toggle('hidden', !average);
  $('detail-record').classList.toggle('hidden', kind !== 'team' || !average);
  // The split as the answer echoes it (or as asked, when there is no game in it), e.g. last=10&vs=1610612738.
  article.dataset.split = splitQuery(average ? average.split : {last: state.last, vs: state.vs});
  article.dataset.perMode = mode;
  if (!average) {
    $('detail-split').textContent = '';
    $('split-empty').replaceChildren(
      h('strong', {}, 'No games in this split. '),
      `${detail.name} has no game in the ${detail.seasonLabel} ${seasonTypeName(detail.seasonType)} ` +
      `that is in it (${splitText({last: state.last, vs: state.vs})}). `,
      h('button', {type: 'button', class: 'link', id: 'split-clear', 'data-testid': 'split-clear'}, 'Show the whole season'));
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    renderTeamRows();
    return;
  }
  table.dataset.perMode = mode;
  $('detail-split').textContent = `${splitText(average.split)}: ${average.games_played} ${kind === 'team' ? 'team ' : ''}games` +
    (kind === 'team' ? `, ${INTEGER.format(average.player_lines)} player lines` : '');
  if (kind === 'team') {
    $('detail-record').textContent = `Record ${average.wins}–${average.losses}`;
    $('detail-record').title = 'games won and lost, counted once both teams have played the whole game';
  }
  const columns = averageColumns(kind, average, mode);
  table.tHead.replaceChildren(h('tr', {},
    h('th', {scope: 'col', class: 'stat'}, 'Stat'),
    ...columns.map(column => h('th', {scope: 'col', title: column.title, dataset: {col: column.col}}, column.label))));
  const row = (stat, cell) => h('tr', {dataset: {stat}},
    h('th', {scope: 'row', class: 'stat', title: LABEL[stat]}, LABEL[stat]),
    ...columns.map(column => {
      const value = cell(column);
      return h('td', {class: column.main ? 'value' : null, dataset: {col: column.col}},
        value === undefined ? '' : formatFigure(stat, value, column.mode));
    }));
  const rows = [
    ...COUNTING.map(stat => row(stat, column => column.counting?.[stat])),
    row('ast_to', column => column.astTo),
  ];
  if (average.shooting || average.opponent?.shooting) {
    rows.push(h('tr', {class: 'group'}, h('th', {scope: 'rowgroup', colspan: columns.length + 1, class: 'stat'},
      shootingHeading(mode, average))));
    // undefined: a column without shooting figures (a blank cell); null: no line carries the block (a dash).
    const shooting = stat => column => column.shooting === undefined ? undefined : column.shooting?.[stat] ?? null;
    rows.push(...[...RATES, ...SHOOTING].map(stat => row(stat, shooting(stat))));
  }
  table.tBodies[0].replaceChildren(...rows);
  $('averages-caption').textContent = averagesCaption(kind, average, mode);
  renderTeamRows();
}

/**
 * The columns of the stat table. Each has the figures it shows (counting, shooting, astTo; undefined for a blank
 * cell, null for a dash) and the mode they are in. The totals columns are left out in the totals mode, where the
 * figures are the totals; a team's per-player view only per game, the one mode where it differs.
 */
function averageColumns(kind, average, mode) {
  const name = MODES[mode];
  const opponent = average.opponent;
  const columns = [];
  if (kind === 'player') {
    columns.push({col: 'player', label: name, main: true, mode,
      counting: average.averages, shooting: average.shooting ?? null, astTo: average.ast_to});
  } else {
    columns.push({col: 'team', label: name, main: true, mode, title: "the team's figures: its per-game totals averaged over its games",
      counting: average.per_game, shooting: average.shooting ?? null, astTo: average.ast_to});
    if (mode === 'per_game') {
      columns.push({col: 'per-player', label: 'Per player', mode, title: "the mean over all of the team's player lines",
        counting: average.per_player_game});
    }
    if (opponent) {
      columns.push({col: 'opponent', label: `Opp. ${name.toLowerCase()}`, main: true, mode,
        title: `what the team's opponents did against it, over the ${opponent.games} games with an opponent's line`,
        counting: opponent.per_game, shooting: opponent.shooting ?? null});
    }
  }
  if (mode !== 'totals') {
    columns.push({col: 'total', label: 'Total', mode: 'totals', counting: average.totals});
    if (opponent) {
      columns.push({col: 'opponent-total', label: 'Opp. total', mode: 'totals', title: "the team's opponents' totals",
        counting: opponent.totals});
    }
  }
  return columns;
}

function shootingHeading(mode, average) {
  const games = average.shooting?.games;
  const over = games === undefined ? '' : `, over the ${games} games with a shooting block`;
  const opponents = average.opponent?.shooting ? ` (opponents: ${average.opponent.shooting.games})` : '';
  const how = {per_game: 'per game', totals: 'totals', per_36: 'per 36 minutes, given when every game has the block'}[mode];
  return `Shooting: ${how}${over}${opponents}`;
}

function averagesCaption(kind, average, mode) {
  const figures = {per_game: 'Per-game averages', totals: 'Season totals', per_36: 'Per 36 minutes played'}[mode];
  if (kind === 'player') {
    return `${figures}; percentages over made and attempted shots, the same in every mode.`;
  }
  return average.opponent
    ? `${figures}; opponents over the ${average.opponent.games} games with an opponent's line.`
    : `${figures}; no opponent's line in these games yet, so no opponents' figures.`;
}

/**
 * A traded player's season with each of his teams, then TOT (the season answer itself), as published tables show it:
 * only when the answer has teams, that is when his lines (of the split) are for two teams or more.
 */
function renderTeamRows() {
  const average = detail.average;
  const section = $('by-team');
  const table = $('teams-table');
  section.classList.toggle('hidden', !average?.teams);
  if (!average?.teams) {
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    return;
  }
  const mode = average.per_mode ?? 'per_game';
  table.dataset.perMode = mode;
  table.tHead.replaceChildren(h('tr', {},
    h('th', {scope: 'col', class: 'name'}, 'Team'),
    h('th', {scope: 'col', title: 'games played'}, 'GP'),
    ...[...TEAM_ROW_STATS, ...RATES, 'ast_to'].map(stat => h('th', {scope: 'col', title: LABEL[stat]}, SHORT[stat]))));
  const row = (label, id, season, total) => h('tr', {class: total ? 'total-row' : null, dataset: {team: id}},
    h('th', {scope: 'row', class: 'name'}, label),
    h('td', {dataset: {stat: 'games_played'}}, season.games_played),
    ...TEAM_ROW_STATS.map(stat => h('td', {dataset: {stat}}, formatFigure(stat, season.averages?.[stat], mode))),
    ...RATES.map(stat => h('td', {dataset: {stat}}, formatValue(stat, season.shooting?.[stat]))),
    h('td', {dataset: {stat: 'ast_to'}}, formatValue('ast_to', season.ast_to)));
  table.tBodies[0].replaceChildren(
    ...average.teams.map(team => row(teamName(team.team_id), team.team_id, team, false)),
    row('TOT', 'TOT', average, true));
  $('teams-caption').textContent = `${MODES[mode]}: one row per team he played for (the team on the line), ` +
    `in the order he played for them, and TOT for the ${average.split ? 'split' : 'season'} in total.`;
}

/**
 * The season average the chart draws across the games: the service's own figure when the page has the season's
 * per-game answer, else the mean of the games drawn (the answer shown may be per 36, totals or a split).
 */
function seasonAverage(stat, values) {
  const {kind, season} = detail;
  const own = kind === 'player' ? season?.averages?.[stat] : season?.per_game?.[stat];
  if (typeof own === 'number') {
    return own;
  }
  if (kind === 'player' && typeof season?.shooting?.[stat] === 'number') {
    return season.shooting[stat];
  }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
async function renderCharts(signal) {
  if (!window.Chart) {
    throw new Error('the chart library did not load');
  }
  const stat = state.chartStat;
  const games = detail.games.filter(game => typeof game[stat] === 'number');
  const values = games.map(game => game[stat]);
  const mean = seasonAverage(stat, values);
  drawGameChart(stat, games, values, mean);
  const distribution = detail.kind === 'player'
    ? await api(`distribution/player/${detail.id}`, {...seasonParams(), stat, bucket: bucketFor(stat)}, signal)
    : {stat, bucket: bucketFor(stat), games: values.length, buckets: bucketize(values, bucketFor(stat))};
  drawDistribution(distribution);
}

function bucketFor(stat) {
  return stat === 'points' || stat === 'minutes_played' ? 2 : 1;
}

/** The same buckets the distribution endpoint answers for a player, for a team's games: only those with games. */
function bucketize(values, bucket) {
  const counts = new Map();
  values.forEach(value => {
    const low = Math.floor(value / bucket) * bucket;
    counts.set(low, (counts.get(low) ?? 0) + 1);
  });
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([value, games]) => ({value, games}));
}

/** Bars a distribution may fill with empty buckets between its values; beyond, only the buckets with games are drawn. */
const MAX_BARS = 80;

/**
 * A continuous axis (empty buckets drawn as gaps) when the values lie close enough together, else the non-empty
 * buckets alone: a far outlier (0 and 2147483647 points) must not make the browser build millions of bars.
 */
function barsOf(buckets, bucket) {
  if (!buckets.length) {
    return [];
  }
  const span = (buckets[buckets.length - 1].value - buckets[0].value) / bucket + 1;
  if (span > MAX_BARS) {
    return buckets;
  }
  const games = new Map(buckets.map(b => [b.value, b.games]));
  return Array.from({length: span}, (_, i) => {
    const value = buckets[0].value + i * bucket;
    return {value, games: games.get(value) ?? 0};
  });
}

function drawGameChart(stat, games, values, mean) {
  const canvas = $('game-chart');
  charts.games?.destroy();
  const accent = css('--accent');
  const averageColor = css('--average');
  charts.games = new Chart(canvas, {
    type: 'line',
    data: {
      labels: games.map(game => shortDate(game.game_date)),
      datasets: [
        {
          label: `${LABEL[stat]} per game`,
          data: values,
          borderColor: accent,
          backgroundColor: accent,
          pointRadius: games.length > 60 ? 2 : 3,
          borderWidth: 1.5,
          tension: 0,
        },
        {
          label: `Season average ${formatValue(stat, mean)}`,
          data: games.map(() => mean),
          borderColor: averageColor,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 0,
        },
      ],
    },
    options: chartOptions({
      plugins: {
        tooltip: {
          filter: item => item.datasetIndex === 0,
          callbacks: {
            title: items => {
              const game = games[items[0].dataIndex];
              return `${game.game_date}${game.opponent_abbreviation ? ` vs ${game.opponent_abbreviation}` : ''}`;
            },
          },
        },
      },
    }),
  });
  canvas.dataset.points = values.length;
  canvas.dataset.stat = stat;
  canvas.setAttribute('aria-label', `${LABEL[stat]} in each of ${values.length} games, season average ${formatValue(stat, mean)}`);
  $('game-chart-caption').textContent =
    `${LABEL[stat]} game by game (${values.length} games); the dashed line is the season average, ${formatValue(stat, mean)}.`;
}

function drawDistribution(distribution) {
  const canvas = $('distribution-chart');
  charts.distribution?.destroy();
  const {stat, bucket} = distribution;
  const buckets = barsOf(distribution.buckets, bucket);
  const integer = stat !== 'minutes_played';
  const label = b => bucket === 1 ? `${b.value}` : `${b.value}–${integer ? b.value + bucket - 1 : b.value + bucket}`;
  charts.distribution = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: buckets.map(label),
      datasets: [{label: 'Games', data: buckets.map(b => b.games), backgroundColor: css('--bars'), borderRadius: 2}],
    },
    options: chartOptions({plugins: {legend: {display: false}}, scales: {y: {ticks: {precision: 0}}}}),
  });
  canvas.dataset.buckets = buckets.length;
  canvas.setAttribute('aria-label', `How many games had each ${LABEL[stat].toLowerCase()} value`);
  $('distribution-caption').textContent = `Distribution: games by ${LABEL[stat].toLowerCase()}` +
    `${bucket === 1 ? '' : ` (buckets of ${bucket})`}, ${distribution.games} games.`;
}

function chartOptions(extra) {
  const text = css('--muted');
  const grid = css('--line');
  const base = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: {mode: 'index', intersect: false},
    plugins: {legend: {labels: {color: text, boxWidth: 14}}},
    scales: {
      x: {ticks: {color: text, autoSkip: true, maxRotation: 0}, grid: {color: grid, display: false}},
      y: {beginAtZero: true, ticks: {color: text}, grid: {color: grid}},
    },
  };
  return merge(base, extra);
}

function merge(base, extra) {
  for (const [key, value] of Object.entries(extra)) {
    base[key] = value && typeof value === 'object' && !Array.isArray(value) && typeof base[key] === 'object'
      ? merge(base[key], value) : value;
  }
  return base;
}

// ---- wiring -----------------------------------------------------------------------------------------------------

function fillStatPickers() {
  $('leaders-stat').replaceChildren(...STATS.map(([key, label]) => new Option(label, key)));
  $('chart-stat').replaceChildren(...GAME_STATS.map(key => new Option(LABEL[key], key)));
}

function syncControls() {
  $('leaders-stat').value = state.stat;
  $('leaders-limit').value = String(state.limit);
  if ($('leaders-limit').value !== String(state.limit)) {
    state.limit = 10;
    $('leaders-limit').value = '10';
  }
  $('leaders-min-games').value = state.minGames;
  $('leaders-min-attempts').value = state.minAttempts ?? '';
  $('min-attempts-label').classList.toggle('hidden', !PERCENT.has(state.stat));
  document.querySelector(`input[name="side"][value="${state.side}"]`).checked = true;
  $('chart-stat').value = state.chartStat;
  syncViewControls();
}

function syncViewControls() {
  document.querySelector(`input[name="per_mode"][value="${state.perMode}"]`).checked = true;
  $('split-last').value = state.last ? String(state.last) : '';
  $('split-vs').value = state.vs ?? '';
}

function readViewControls() {
  state.perMode = document.querySelector('input[name="per_mode"]:checked').value;
  state.last = $('split-last').value ? Number($('split-last').value) : null;
  state.vs = $('split-vs').value || null;
}

function readControls() {
  state.side = document.querySelector('input[name="side"]:checked').value;
  state.stat = $('leaders-stat').value;
  state.limit = Number($('leaders-limit').value);
  state.minGames = Math.max(0, Number($('leaders-min-games').value) || 0);
  state.minAttempts = Number($('leaders-min-attempts').value) || null;
  $('min-attempts-label').classList.toggle('hidden', !PERCENT.has(state.stat));
}

function wire() {
  $('season').addEventListener('change', () => {
    state.season = $('season').value;
    fillSeasonTypes();
    seasonChanged();
  });
  $('season-type').addEventListener('change', () => {
    state.seasonType = $('season-type').value;
    seasonChanged();
  });
  $('season-form').addEventListener('submit', event => event.preventDefault());
  $('leaders-form').addEventListener('submit', event => event.preventDefault());
  $('leaders-form').addEventListener('change', () => {
    readControls();
    writeUrl();
    loadLeaders();
  });
  $('leaders-refresh').addEventListener('click', loadLeaders);
  $('search').addEventListener('input', onSearchInput);
  $('search-form').addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(searchTimer);
    search().then(() => $('search-results').querySelector('button')?.click());
  });
  // One listener for every "open this player / team" button: leader rows and search results.
  document.addEventListener('click', event => {
    const button = event.target.closest('[data-open]');
    const row = button ? null : event.target.closest('#leaders-table tbody tr');
    const target = button ?? row?.querySelector('[data-open]');
    if (target) {
      openDetail(target.dataset.open, target.dataset.id);
    }
  });
  $('view-form').addEventListener('submit', event => event.preventDefault());
  $('view-form').addEventListener('change', () => {
    readViewControls();
    writeUrl();
    reloadAverage();
  });
  // "Show the whole season" under a split without games: the same as choosing it in the pickers.
  $('split-empty').addEventListener('click', event => {
    if (event.target.closest('#split-clear')) {
      state.last = null;
      state.vs = null;
      syncViewControls();
      writeUrl();
      reloadAverage();
    }
  });
  $('chart-stat').addEventListener('change', () => {
    state.chartStat = $('chart-stat').value;
    writeUrl();
    if (detail) {
      renderCharts(detailRequest?.signal).catch(error => showError($('detail-error'), error));
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      pollLive();
    }
  });
}

async function seasonChanged() {
  writeUrl();
  loadLeaders();
  await loadTeams();
  if (state.selection) {
    openDetail(state.selection.kind, state.selection.id);
  }
}

async function start() {
  readUrl();
  fillStatPickers();
  syncControls();
  wire();
  pollLive();
  try {
    await loadSeasons();
  } catch (error) {
    showError($('leaders-error'), error);
    return;
  }
  writeUrl();
  await Promise.all([loadLeaders(), loadTeams()]);
  if (state.selection) {
    await openDetail(state.selection.kind, state.selection.id);
  }
  document.body.dataset.ready = 'true';
}

// Module scripts run after the deferred Chart.js script, so window.Chart is there by now.
start();
