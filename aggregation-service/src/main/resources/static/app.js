// The courtside dashboard: plain modules, no build step. Chart.js comes from its WebJar (window.Chart).
// Every request is relative to the page, so the dashboard also works behind a path prefix.

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
];
const LABEL = Object.fromEntries(STATS.map(([key, label]) => [key, label]));
const SHORT = Object.fromEntries(STATS.map(([key, , short]) => [key, short]));
const PERCENT = new Set(['fg_pct', 'fg3_pct', 'ft_pct']);
/** Stats a single game has a value of: everything but the percentages, which only make sense summed. */
const GAME_STATS = STATS.map(([key]) => key).filter(key => !PERCENT.has(key));
const SHOOTING = ['fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'dreb'];
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
  side: 'players',
  stat: 'points',
  limit: 10,
  minGames: 0,
  minAttempts: null,
  selection: null, // {kind: 'player' | 'team', id}
  chartStat: 'points',
};

// ---- formatting -------------------------------------------------------------------------------------------------

/** A season average as the page shows it: one decimal, percentages as a percent with one decimal. */
export function formatValue(stat, value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return PERCENT.has(stat) ? `${(value * 100).toFixed(1)}%` : value.toFixed(1);
}

function formatTotal(stat, total) {
  if (total === null || total === undefined) {
    return '–';
  }
  return stat === 'minutes_played' ? TENTHS.format(total) : INTEGER.format(total);
}

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]);
}

function shortDate(iso) {
  const [, month, day] = iso.split('-').map(Number);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} ${day}`;
}

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// ---- HTTP -------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET a JSON resource; a problem+json answer becomes an ApiError carrying its detail. */
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
    throw new ApiError(response.status, body?.detail || body?.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

function seasonParams() {
  return {season: state.season, season_type: state.seasonType};
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
  state.stat = LABEL[params.get('stat')] ? params.get('stat') : 'points';
  state.limit = Number(params.get('limit')) || 10;
  state.minGames = Number(params.get('min_games')) || 0;
  state.minAttempts = Number(params.get('min_attempts')) || null;
  state.chartStat = GAME_STATS.includes(params.get('chart')) ? params.get('chart') : 'points';
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
  history.replaceState(null, '', `?${params}`);
}

// ---- seasons ------------------------------------------------------------------------------------------------------

async function loadSeasons() {
  const {seasons} = await api('seasons');
  state.seasons = seasons;
  const names = [...new Set(seasons.map(s => s.season))];
  if (!names.includes(state.season)) {
    state.season = names[0] ?? null;
  }
  $('season').innerHTML = names.length
    ? names.map(name => `<option value="${esc(name)}">${esc(name)}</option>`).join('')
    : '<option value="">no data yet</option>';
  $('season').value = state.season ?? '';
  fillSeasonTypes();
}

function fillSeasonTypes() {
  const types = state.seasons.filter(s => s.season === state.season).map(s => s.season_type);
  if (!types.includes(state.seasonType)) {
    state.seasonType = types[0] ?? 'regular';
  }
  $('season-type').innerHTML = (types.length ? types : ['regular'])
    .map(type => `<option value="${esc(type)}">${type === 'playoffs' ? 'Playoffs' : 'Regular season'}</option>`).join('');
  $('season-type').value = state.seasonType;
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
      table.tBodies[0].innerHTML = '';
    }
  } finally {
    if (leadersRequest === request) {
      table.removeAttribute('aria-busy');
    }
  }
}

/** One string, one innerHTML: a table of all 600-odd players renders in a few milliseconds. */
function renderLeaders(body) {
  const table = $('leaders-table');
  const stat = body.stat;
  const players = state.side === 'players';
  const percent = PERCENT.has(stat);
  table.dataset.side = state.side;
  table.dataset.stat = stat;
  table.tHead.innerHTML = `<tr>
    <th scope="col">#</th>
    <th scope="col" class="name">${players ? 'Player' : 'Team'}</th>
    ${players ? '<th scope="col" class="name">Team</th>' : ''}
    <th scope="col" title="${esc(LABEL[stat])}${percent ? '' : ' per game'}">${esc(SHORT[stat])}</th>
    <th scope="col" title="games played">GP</th>
    <th scope="col">${percent ? 'Made / att.' : 'Total'}</th>
  </tr>`;
  table.tBodies[0].innerHTML = body.leaders.map(entry => {
    const kind = players ? 'player' : 'team';
    const id = players ? entry.player_id : entry.team_id;
    const name = players ? entry.player_name : entry.team_abbreviation;
    const total = percent ? `${INTEGER.format(entry.total)} / ${INTEGER.format(entry.attempts)}` : formatTotal(stat, entry.total);
    return `<tr data-${kind}-id="${id}">
      <td class="rank">${entry.rank}</td>
      <td class="name"><button type="button" class="link" data-open="${kind}" data-id="${id}">${esc(name)}</button></td>
      ${players ? `<td class="name team">${esc(entry.team_abbreviation)}</td>` : ''}
      <td class="value">${formatValue(stat, entry.value)}</td>
      <td class="games">${entry.games_played}</td>
      <td class="total">${total}</td>
    </tr>`;
  }).join('');
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
    $('search-results').innerHTML = '';
    return;
  }
  const request = searchRequest = new AbortController();
  try {
    const {players, teams} = await api('search', {q, limit: 20}, request.signal);
    // Teams first: a team matches only by its abbreviation, so a team in the answer is what was typed.
    const items = [
      ...teams.map(t => `<li><button type="button" data-open="team" data-id="${t.team_id}">${esc(t.team_abbreviation)}<span class="kind">team</span></button></li>`),
      ...players.map(p => `<li><button type="button" data-open="player" data-id="${p.player_id}">${esc(p.player_name)}<span class="kind">${esc(p.team_abbreviation ?? '')}</span></button></li>`),
    ];
    $('search-results').innerHTML = items.length ? items.join('') : '<li class="muted small">No player or team matches.</li>';
  } catch (error) {
    if (error.name !== 'AbortError') {
      $('search-results').innerHTML = `<li class="error small">Search failed: ${esc(error.message)}</li>`;
    }
  }
}

// ---- a player's or a team's season --------------------------------------------------------------------------------

let detailRequest = null;
let detail = null; // {kind, id, name, average, games}
const charts = {};

async function openDetail(kind, id) {
  state.selection = {kind, id: String(id)};
  writeUrl();
  detailRequest?.abort();
  const request = detailRequest = new AbortController();
  const article = $('detail');
  article.setAttribute('aria-busy', 'true');
  try {
    const [average, games] = await Promise.all([
      api(`average/${kind}/${id}`, seasonParams(), request.signal),
      api(`games/${kind}/${id}`, seasonParams(), request.signal),
    ]);
    detail = {kind, id, average, games: games.games, name: games.player_name ?? games.team_abbreviation ?? `Team ${id}`};
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

function renderDetailHead() {
  const {kind, name, average, games} = detail;
  $('detail').dataset.kind = kind;
  $('detail').dataset.id = detail.id;
  $('detail-title').textContent = name;
  const teams = [...new Set(games.map(g => g.team_abbreviation).filter(Boolean))];
  $('detail-subtitle').textContent = kind === 'player'
    ? `${teams.join(', ')} · ${average.games_played} games · ${average.season} ${average.season_type}`
    : `${average.games_played} team games · ${average.player_lines} player lines · ${average.season} ${average.season_type}`;
}

/** A player: per game and total. A team: both views, per team game and per player line, and the total. */
function renderAverages() {
  const {kind, average} = detail;
  const table = $('averages-table');
  const shooting = average.shooting;
  const counting = ['points', 'rebounds', 'assists', 'steals', 'blocks', 'turnovers', 'fouls', 'minutes_played'];
  if (kind === 'player') {
    table.tHead.innerHTML = '<tr><th scope="col" class="stat">Stat</th><th scope="col">Per game</th><th scope="col">Total</th></tr>';
    const rows = counting.map(stat => `<tr data-stat="${stat}"><td class="stat">${LABEL[stat]}</td>
        <td class="value">${formatValue(stat, average.averages[stat])}</td><td>${formatTotal(stat, average.totals[stat])}</td></tr>`);
    table.tBodies[0].innerHTML = rows.join('') + shootingRows(shooting, 1);
  } else {
    table.tHead.innerHTML = `<tr><th scope="col" class="stat">Stat</th>
      <th scope="col" title="the team's per-game totals averaged over its games">Per game</th>
      <th scope="col" title="the mean over all of the team's player lines">Per player</th>
      <th scope="col">Total</th></tr>`;
    const rows = counting.map(stat => `<tr data-stat="${stat}"><td class="stat">${LABEL[stat]}</td>
        <td class="value per-game">${formatValue(stat, average.per_game[stat])}</td>
        <td class="per-player-game">${formatValue(stat, average.per_player_game[stat])}</td>
        <td>${formatTotal(stat, average.totals[stat])}</td></tr>`);
    table.tBodies[0].innerHTML = rows.join('') + shootingRows(shooting, 2);
  }
}

function shootingRows(shooting, valueColumns) {
  if (!shooting) {
    return '';
  }
  const pad = '<td></td>'.repeat(valueColumns);
  return `<tr><th scope="rowgroup" colspan="${valueColumns + 2}" class="stat">Shooting: per game, over the ${shooting.games} games with a shooting block</th></tr>` +
    [...['fg_pct', 'fg3_pct', 'ft_pct'], ...SHOOTING].map(stat => `<tr data-stat="${stat}"><td class="stat">${LABEL[stat]}</td>
      <td class="value">${formatValue(stat, shooting[stat])}</td>${pad}</tr>`).join('');
}

/** The season average the chart draws across the games: the service's own figure where it has one. */
function seasonAverage(stat, values) {
  const {kind, average} = detail;
  const own = kind === 'player' ? average.averages?.[stat] : average.per_game?.[stat];
  if (typeof own === 'number') {
    return own;
  }
  if (kind === 'player' && typeof average.shooting?.[stat] === 'number') {
    return average.shooting[stat];
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
  $('leaders-stat').innerHTML = STATS.map(([key, label]) => `<option value="${key}">${label}</option>`).join('');
  $('chart-stat').innerHTML = GAME_STATS.map(key => `<option value="${key}">${LABEL[key]}</option>`).join('');
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

function seasonChanged() {
  writeUrl();
  loadLeaders();
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
  await loadLeaders();
  if (state.selection) {
    await openDetail(state.selection.kind, state.selection.id);
  }
  document.body.dataset.ready = 'true';
}

// Module scripts run after the deferred Chart.js script, so window.Chart is there by now.
start();
