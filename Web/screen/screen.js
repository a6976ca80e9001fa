// The big screen: runs for days without hands. Counters are `GET /v1/stats` for today and
// yesterday (so they equal the statistics by construction); the map, alerts, rankings and ticker
// come from `GET /v1/screen`. Live events move the ticker at once and re-read both within a
// couple of seconds; after any reconnect (of the page or of intake's broker link) the whole
// snapshot is reloaded, so the wall never drifts. A new day rolls the periods over by itself.

import { api, signIn, storedKey, forgetKey, followEvents, throttle, query, ApiError } from '/shared/api.js';
import { el, fill, $ } from '/shared/dom.js';
import { drawGrids } from '/shared/map.js';
import { EVENT, MAJOR, LEVEL, STATUS, percent } from '/shared/labels.js';

const COUNTERS = [
  ['received', '受理', 'count'], ['dispatched', '派单', 'count'], ['resolved', '办结', 'count'],
  ['resolvedOnTime', '按时办结', 'count'], ['responseRate', '响应率', 'rate'], ['resolutionRate', '解决率', 'rate'],
  ['satisfactionRate', '满意率', 'rate'], ['answered', '直接答复', 'count'], ['directAnswerRate', '直接答复率', 'rate'],
];

const state = { snapshot: null, shapes: new Map(), categories: {}, grids: {}, streets: {}, flashing: new Map(), shown: {} };

// Everything here is readable with a `screen` key (aggregates only): /v1/screen, /v1/stats,
// /v1/jurisdiction/grids and the event stream. An operator's or admin's key works too.
async function start() {
  let first;
  try {
    first = await api('GET', '/v1/screen');
  } catch (e) {
    forgetKey();
    if (e instanceof ApiError && e.status === 403) return showSignIn('大屏需要大屏、话务员或管理员的密钥');
    return showSignIn(e instanceof ApiError && e.status === 401 ? '密钥无效' : e.message);
  }
  $('#signin').classList.add('hidden');
  $('#wall').classList.remove('hidden');
  const geojson = await api('GET', '/v1/jurisdiction/grids');
  state.categories = Object.fromEntries((first.categories || []).map((c) => [c.code, c.name]));
  state.grids = Object.fromEntries(geojson.features.map((f) => [f.properties.code, f.properties.name]));
  state.streets = Object.fromEntries(geojson.features.map((f) => [f.properties.street, f.properties.streetName]));
  ({ shapes: state.shapes } = drawGrids($('#screen-map'), geojson, { labels: true }));
  fill($('#counters'), COUNTERS.map(([key, label]) => el('div', { class: 'counter', dataset: { counter: key } },
    el('div', { class: 'label' }, label), el('div', { class: 'value', dataset: { stat: key } }, '—'),
    el('div', { class: 'yesterday' }, '昨日 ', el('span', { dataset: { yesterday: key } }, '—')))));
  setInterval(tick, 1000);
  tick();
  await reload();
  followEvents({
    onEvent,
    onSync: () => reload(),
    onState: (s) => { $('#live-state').textContent = s === 'live' ? '● 实时' : '○ 重连中…'; },
  });
  // A slow safety net besides the stream: the whole snapshot every 5 minutes. The assessment
  // (rankings over 30 days, topics) moves slowly and costs a scan: only at start and then.
  setInterval(reload, 5 * 60 * 1000);
  loadAssessment();
  setInterval(loadAssessment, 5 * 60 * 1000);
}

function showSignIn(message = '') {
  $('#wall').classList.add('hidden');
  $('#signin').classList.remove('hidden');
  $('#signin-error').textContent = message;
  $('#signin-key').focus();
}

$('#signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await signIn($('#signin-key').value.trim(), '/v1/screen');
    await start();
  } catch (e) {
    $('#signin-error').textContent = e instanceof ApiError && e.status === 401 ? '密钥无效' : e.message;
  }
});

function tick() {
  const now = new Date();
  $('#clock').textContent = now.toLocaleString('zh-CN', { hour12: false });
  // A new business day: new periods for the counters.
  if (state.snapshot && now >= new Date(state.snapshot.today.to)) reload();
}

/// Reloads, one at a time: a call during a reload runs once more after it.
let reloading = null;
let again = false;
function reload() {
  if (reloading) { again = true; return reloading; }
  reloading = (async () => {
    try {
      do { again = false; await reloadOnce(); } while (again);
    } catch (e) {
      $('#live-state').textContent = `○ 数据加载失败：${e.message}`;
    } finally {
      reloading = null;
    }
  })();
  return reloading;
}

/// The snapshot and both periods' statistics, drawn together.
async function reloadOnce() {
  const snapshot = await api('GET', '/v1/screen');
  const [today, yesterday] = await Promise.all([
    api('GET', `/v1/stats${query({ groupBy: 'street', from: snapshot.today.from, to: snapshot.today.to })}`),
    api('GET', `/v1/stats${query({ groupBy: 'street', from: snapshot.yesterday.from, to: snapshot.yesterday.to })}`),
  ]);
  state.snapshot = snapshot;
  drawCounters(today.total, yesterday.total);
  drawHouseholds(today.households?.total);
  drawMap(snapshot);
  drawTops(snapshot);
  drawRoot(snapshot.historyRoot);
  fill($('#ticker'), snapshot.latest.map((e) => tickerLine(e)));
}

const refresh = throttle(reload, 2000);

function drawCounters(today, yesterday) {
  for (const [key, , kind] of COUNTERS) {
    const format = (row) => (kind === 'rate' ? percent(row[key]) : String(row[key]));
    const value = format(today);
    const node = document.querySelector(`[data-stat="${key}"]`);
    if (state.shown[key] !== undefined && state.shown[key] !== value) {
      const card = node.closest('.counter');
      card.classList.remove('moved');
      void card.offsetWidth;
      card.classList.add('moved');
    }
    state.shown[key] = value;
    node.textContent = value;
    node.dataset.value = kind === 'rate' ? (today[key] ?? '') : today[key];
    document.querySelector(`[data-yesterday="${key}"]`).textContent = format(yesterday);
  }
}

/// The households registry (一户一档) in the same figures as `/v1/stats`: shown once there is one.
function drawHouseholds(figures) {
  const panel = $('#households-panel');
  panel.classList.toggle('hidden', !figures || figures.households === 0);
  if (!figures || figures.households === 0) return;
  const colour = (key, label) => el('span', { class: key, dataset: { households: key } }, `${label} ${figures.byColour[key] ?? 0}`);
  fill($('#households'), [
    el('li', {}, '户数 ', el('span', { dataset: { households: 'total' } }, String(figures.households))),
    el('li', {}, colour('red', '红'), ' · ', colour('yellow', '黄'), ' · ', colour('green', '绿')),
    el('li', {}, `独居 ${figures.byFlag.alone ?? 0} · 低保 ${figures.byFlag.low_income ?? 0}`),
    el('li', {}, `80岁以上 ${figures.byAgeBand['80+'] ?? 0} 人`),
    el('li', {}, `今日打卡 ${figures.checkinsAnswered}/${figures.checkinsSent} · ${percent(figures.checkinRate)}`),
    el('li', {}, `走访覆盖 ${percent(figures.visitCoverage)}（30日）`),
  ]);
}

function drawMap(snapshot) {
  const load = Object.fromEntries(snapshot.grids.map((g) => [g.grid, g]));
  const alerts = new Set(snapshot.alerts.map((a) => a.grid));
  for (const [code, path] of state.shapes) {
    const g = load[code];
    const level = !g ? 0 : g.overdue > 0 ? 3 : g.open >= 5 ? 2 : g.open > 0 ? 1 : 0;
    path.classList.remove('l1', 'l2', 'l3');
    if (level) path.classList.add(`l${level}`);
    path.classList.toggle('alert', alerts.has(code) || state.flashing.has(code));
    path.dataset.open = g ? g.open : 0;
    path.dataset.overdue = g ? g.overdue : 0;
  }
}

function drawTops(snapshot) {
  fill($('#top-categories'), snapshot.topCategories.map((t) => el('li', {}, `${t.name || t.code}　${t.count}`)));
  fill($('#top-streets'), snapshot.topStreets.map((t) => el('li', {}, `${t.name || t.code}　${t.count}`)));
  fill($('#overdue-levels'), Object.entries(LEVEL).map(([level, name]) =>
    el('li', { dataset: { level } }, `${name}级　${snapshot.overdueByLevel[level] || 0}`)));
  const v = snapshot.volunteers;
  if (v) {
    fill($('#volunteer-figures'), [
      el('li', {}, `点单 ${v.ordersToday} · 一小时内接单 ${v.takenWithinHour}`),
      el('li', {}, `满意率 ${v.satisfactionRate == null ? '—' : percent(v.satisfactionRate)}（${v.satisfied}/${v.rated}）`),
    ]);
    fill($('#top-volunteers'), v.top.map((t) => el('li', {}, `${t.name}（${t.code}）　${t.count}分`)));
  }
}

/// The newest sealed daily root of the tamper-evident history (dispatcher verify recomputes it).
function drawRoot(root) {
  $('#history-root').textContent = root ? `${root.day} · ${root.events} 件事件 · ${root.root}` : '尚未封存';
}

/// Rankings (top and bottom five streets over the last 30 days) and the tracked monthly topics.
async function loadAssessment() {
  try {
    const [rankings, topics] = await Promise.all([
      api('GET', '/v1/rankings?groupBy=street'),
      api('GET', '/v1/topics?status=open,in_progress'),
    ]);
    const ranked = rankings.rows.filter((r) => r.rank !== null && r.rank !== undefined);
    const line = (r) => el('li', { dataset: { code: r.code, rank: r.rank } }, `${r.rank}. ${r.name || r.code}　`, el('span', { class: 'score' }, r.score.toFixed(1)),
      r.previousRank ? ` （上期${r.previousRank}）` : '');
    fill($('#rank-top'), ranked.slice(0, 5).map(line));
    // The last five, worst last, not repeating any of the first five.
    const bottom = ranked.slice(Math.max(5, ranked.length - 5));
    fill($('#rank-bottom'), bottom.length ? bottom.map(line) : [el('li', { class: 'muted' }, '参评单位均已列入前五')]);
    fill($('#topics'), topics.topics.length ? topics.topics.slice(0, 6).map((t) => el('li', { dataset: { topic: t.id }, class: t.overdue ? 'overdue' : '' },
      `${t.title}　${t.ownerDepartmentName || t.ownerDepartment}　${t.targetDate}前　${t.resolved}/${t.tickets}件`)) : [el('li', { class: 'muted' }, '暂无')]);
  } catch (e) {
    $('#live-state').textContent = `○ 考核数据加载失败：${e.message}`;
  }
}

function tickerLine(e) {
  const where = [state.streets[e.street], state.grids[e.grid]].filter(Boolean).join(' · ');
  const time = new Date(e.occurredAt).toLocaleTimeString('zh-CN', { hour12: false });
  return el('li', { dataset: { event: e.id } }, el('span', { class: 'type' }, EVENT[e.type] || e.type), ` ${time} ${e.ticketNumber || ''} `,
    state.categories[e.category] || '', where ? ` · ${where}` : '', e.major ? ` · ${MAJOR[e.major]}` : '',
    e.status && e.type !== 'ticket.received' ? ` → ${STATUS[e.status] || e.status}` : '');
}

// The ticker draws at most twice a second, the newest 20: a busy hour sends hundreds a second.
let unseen = [];
const drawTicker = throttle(() => {
  const ticker = $('#ticker');
  for (const e of unseen) {
    // A reload in between may already show it.
    if (ticker.querySelector(`[data-event="${CSS.escape(e.id)}"]`)) continue;
    const line = tickerLine(e);
    line.classList.add('new');
    ticker.prepend(line);
  }
  unseen = [];
  while (ticker.children.length > 20) ticker.lastChild.remove();
}, 500);

function onEvent(e) {
  unseen.push(e);
  if (unseen.length > 20) unseen.shift();
  drawTicker();
  // 三重 and cluster alerts flash on their grid at once; the snapshot keeps them while open.
  if ((e.major || e.type === 'ticket.cluster') && e.grid && state.shapes.has(e.grid)) {
    clearTimeout(state.flashing.get(e.grid));
    state.flashing.set(e.grid, setTimeout(() => { state.flashing.delete(e.grid); if (state.snapshot) drawMap(state.snapshot); }, 60000));
    state.shapes.get(e.grid).classList.add('alert');
  }
  refresh();
}

if (storedKey()) start(); else showSignIn();
