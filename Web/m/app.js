// The grid worker's, community secretary's and volunteer's phone page (/m/): my tasks by deadline,
// accept / progress / resolve / return with a note and a photo from the camera, a map of my grid
// with the tasks on it, households due for a visit, patrol reports, one-key broadcasts to
// acknowledge, and the secretary's community view with 三重 matters first; a volunteer sees the
// service orders offered to it and those it took (take, progress, resolve). Live over the same
// event stream as the console (a volunteer's orders are polled). Text goes in as text nodes only
// (shared/dom.js); the key stays in sessionStorage. The map and the visits are loaded the first
// time their tab opens (a cold start stays small).

import { api, ApiError, signIn, storedKey, forgetKey, followEvents, throttle } from '/shared/api.js';
import { el, fill, $ } from '/shared/dom.js';
import { STATUS, MAJOR, HANDLER, ROLE, time, timeLeft } from '/shared/labels.js';
import { photoFigures } from '/shared/photos.js';

const state = { me: null, tasks: [], seen: null, fresh: new Set(), open: null, tab: 'tasks', stream: null, broadcasts: [], timer: null };

const ERRORS = {
  photo_required: '该类工单须先上传现场照片，再办结。',
  illegal_transition: '工单状态已变化，请刷新后再试。',
  not_found: '不是您负责的工单。',
  already_taken: '该订单已由其他志愿者接单。',
  volunteer_return: '志愿者不能退单，如无法服务请联系社区书记改派。',
  unsupported_media_type: '只能上传 JPG、PNG 或 WebP 照片。',
  too_large: '照片超过 5MB，请重新拍摄。',
  unauthorized: '登录已失效，请重新登录。',
};

function message(error) {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_request' && error.fields.some((f) => f.field === 'note')) return '请填写说明（退回须写明原因）。';
    return ERRORS[error.code] || `操作未成功（${error.status}）。`;
  }
  return '网络不通，请稍后再试。';
}

function toast(text) {
  const node = $('#toast');
  fill(node, text);
  node.classList.remove('hidden');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => node.classList.add('hidden'), 4000);
}

// MARK: sign-in

function showSignIn(error) {
  $('#tabs').classList.add('hidden');
  $('#signout').classList.add('hidden');
  fill($('#who'));
  const input = el('input', { id: 'signin-key', type: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const me = await signIn(input.value.trim());
      if (me.role !== 'grid' && me.role !== 'secretary' && me.role !== 'volunteer') {
        forgetKey();
        showSignIn('此页面供网格员、社区书记和志愿者使用，请用相应的密钥登录。');
        return;
      }
      start(me);
    } catch (err) {
      showSignIn(err instanceof ApiError && err.status === 401 ? '密钥无效或已过期。' : message(err));
    }
  } },
  el('h2', {}, '登录'),
  el('label', { for: 'signin-key' }, '密钥'), input,
  error ? el('p', { class: 'error', role: 'alert' }, error) : null,
  el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, '登录')));
  fill($('#main'), form);
  input.focus();
}

// MARK: tabs

function tabs() {
  const items = state.me.role === 'volunteer' ? [['tasks', '订单']] : [['tasks', '任务'], ['map', '地图'], ['visits', '走访'], ['report', '上报']];
  if (state.me.role === 'secretary') items.splice(1, 0, ['community', '社区']);
  fill($('#tabs'), items.map(([id, label]) => el('button', {
    type: 'button', 'aria-current': state.tab === id ? 'page' : null, dataset: { tab: id },
    onclick: () => {
      state.tab = id;
      render();
      window.scrollTo(0, 0);
      if (id === 'tasks' || id === 'community') loadBroadcasts();
    },
  }, label)));
  $('#tabs').classList.remove('hidden');
}

function signOut() {
  forgetKey();
  if (state.stream) state.stream.stop();
  clearInterval(state.timer);
  Object.assign(state, { me: null, tasks: [], seen: null, fresh: new Set(), tab: 'tasks', stream: null, broadcasts: [] });
  $('#toast').classList.add('hidden');
  showSignIn();
}

function start(me) {
  state.me = me;
  fill($('#who'), `${me.name} · ${{ secretary: '社区书记', volunteer: '志愿者' }[me.role] || '网格员'}`);
  $('#signout').classList.remove('hidden');
  clearInterval(state.timer);
  if (me.role === 'volunteer') {
    // A volunteer's key has no event stream and no broadcasts: the orders are polled.
    fill($('#live-state'), '每15秒刷新');
    load();
    state.timer = setInterval(() => { if (!document.hidden) load(); }, 15000);
    render();
    return;
  }
  state.stream = followEvents({
    onEvent: throttle(load, 800),
    onSync: () => { load(); loadBroadcasts(); },
    onState: (s) => fill($('#live-state'), s === 'live' ? '实时' : '重连中'),
  });
  // Broadcasts reach the phone by SMS; the page asks again when it is looked at, and now and then.
  state.timer = setInterval(() => { if (!document.hidden) loadBroadcasts(); }, 120000);
  render();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.me) { if (state.me.role === 'volunteer') load(); else loadBroadcasts(); }
});
$('#signout').addEventListener('click', signOut);

// MARK: broadcasts (一键通知)

async function loadBroadcasts() {
  const session = state.me;
  if (!session || session.role === 'volunteer') return;
  try {
    const { broadcasts } = await api('GET', '/v1/me/broadcasts');
    if (state.me !== session) return; // signed out (or in as someone else) meanwhile
    const before = JSON.stringify(state.broadcasts);
    state.broadcasts = broadcasts;
    if (JSON.stringify(broadcasts) !== before && (state.tab === 'tasks' || state.tab === 'community') && !$('#main .form')) render();
  } catch { /* shown on the next try */ }
}

/// A worker's broadcasts still asking for 收到, newest first, each with its button.
function broadcastBanner() {
  const waiting = state.broadcasts.filter((b) => b.requireAck && !b.acknowledgedAt);
  if (state.me.role !== 'grid' || !waiting.length) return null;
  return waiting.map((b) => el('section', { class: 'card broadcast', dataset: { broadcast: b.id }, 'aria-label': '一键通知' },
    el('h3', {}, el('span', { class: 'tag major' }, '一键通知'), el('span', { class: 'meta' }, `${b.createdBy} · ${time(b.createdAt)}`)),
    el('p', {}, b.text),
    el('div', { class: 'row' }, el('button', { class: 'primary ack', type: 'button', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await api('POST', `/v1/broadcasts/${b.id}/ack`, {});
        toast('已确认收到');
        await loadBroadcasts();
        render();
      } catch (error) { toast(message(error)); e.target.disabled = false; }
    } }, '收到'))));
}

async function load() {
  const session = state.me;
  if (!session) return;
  try {
    const { tasks } = await api('GET', '/v1/tasks');
    if (state.me !== session) return; // an answer for the key signed out meanwhile
    const ids = new Set(tasks.map((t) => t.id));
    if (state.seen) for (const id of ids) if (!state.seen.has(id)) state.fresh.add(id);
    state.seen = ids;
    state.tasks = tasks;
    // An open form (a note being typed, a photo chosen) is never wiped by a live update.
    if (['tasks', 'community', 'map'].includes(state.tab) && !$('#main .form')) render();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) { forgetKey(); showSignIn('登录已失效，请重新登录。'); }
  }
}

function render() {
  tabs();
  if (state.tab === 'report') return renderReport();
  if (state.tab === 'community') return renderCommunity();
  if (state.tab === 'map') {
    return import('/m/map.js').then(({ renderMap }) => {
      if (state.tab === 'map') return renderMap($('#main'), { me: state.me, tasks: sorted(), isMajor, show });
      return null;
    }).catch((error) => toast(message(error)));
  }
  if (state.tab === 'visits') {
    return import('/m/visits.js').then(({ renderVisits }) => renderVisits($('#main'), { notify: toast, failed: message }))
      .catch((error) => toast(message(error)));
  }
  return renderTasks();
}

/// Opens task `id` in the task list (from the map).
function show(id) {
  state.tab = 'tasks';
  render();
  const card = $(`#main article[data-id="${id}"]`);
  if (card) { card.scrollIntoView({ block: 'center' }); card.querySelector('button')?.focus({ preventScroll: true }); }
}

// MARK: tasks

const isMajor = (t) => Boolean(t.major) || t.routing?.handler === 'secretary';

/// Deadline order, 三重 first (as the API sorts).
function sorted() {
  return [...state.tasks].sort((a, b) => (isMajor(b) - isMajor(a)) || String(a.deadlines.resolveBy || '~').localeCompare(String(b.deadlines.resolveBy || '~')));
}

function renderTasks() {
  const list = sorted();
  fill($('#main'),
    el('h2', {}, `待办 ${list.length} 件`),
    broadcastBanner(),
    list.length ? list.map(card) : el('p', { class: 'empty' }, '暂无待办工单'));
}

function renderCommunity() {
  const byGrid = new Map();
  for (const g of state.me.grids || []) byGrid.set(g.code, { name: g.name, tasks: [] });
  const majors = state.tasks.filter(isMajor);
  for (const t of state.tasks.filter((x) => !isMajor(x))) {
    const code = t.routing?.grid || '';
    if (!byGrid.has(code)) byGrid.set(code, { name: t.routing?.gridName || '未定网格', tasks: [] });
    byGrid.get(code).tasks.push(t);
  }
  fill($('#main'),
    el('h2', {}, `${state.me.communityName || '本社区'} · 三重事项 ${majors.length} 件`),
    majors.length ? majors.map(card) : el('p', { class: 'empty' }, '暂无三重事项'),
    [...byGrid.values()].map((g) => [
      el('h3', { class: 'grid-title' }, `${g.name} · ${g.tasks.length} 件`),
      g.tasks.map(card),
    ]),
    state.broadcasts.length ? [
      el('h3', { class: 'grid-title' }, '一键通知 · 网格员确认情况'),
      state.broadcasts.slice(0, 5).map((b) => el('article', { class: 'card broadcast', dataset: { broadcast: b.id } },
        el('p', {}, b.text),
        el('p', { class: 'meta' }, `${time(b.createdAt)} · ${b.requireAck ? `已确认 ${b.acknowledged}/${b.recipients} 人` : `已发 ${b.recipients} 人`}`))),
    ] : null);
}

function card(t) {
  const left = timeLeft(t.deadlines.resolveBy);
  const major = isMajor(t);
  const node = el('article', { class: `card${major ? ' major' : ''}${state.fresh.has(t.id) ? ' new' : ''}`, dataset: { id: t.id } },
    el('h3', {},
      state.fresh.has(t.id) ? el('span', { class: 'tag new' }, '新任务') : null,
      major ? el('span', { class: 'tag major' }, t.major ? `三重·${MAJOR[t.major] || t.major}` : '书记负责') : null,
      el('span', { class: 'tag' }, STATUS[t.status] || t.status),
      el('span', {}, t.number)),
    el('p', {}, t.description),
    el('p', { class: 'meta' }, [t.location?.address, t.routing?.gridName, HANDLER[t.routing?.handler],
      ...(t.routing?.departments || []).map((d) => `${ROLE[d.role] || ''}${d.name || d.code}`)].filter(Boolean).join(' · ')),
    el('p', { class: `deadline${left.overdue ? ' overdue' : ''}` },
      `办结时限 ${t.deadlines.resolveByText || '—'}（${left.text}）`),
    t.routing?.reasons?.length ? el('ul', { class: 'reasons', 'aria-label': '派单理由' }, t.routing.reasons.map((r) => el('li', {}, r))) : null,
    el('div', { class: 'photos' }),
    state.me.role === 'volunteer' ? volunteerActions(node, t) : el('div', { class: 'actions' },
      t.status === 'assigned' ? el('button', { class: 'primary', type: 'button', onclick: async () => { if (await act(t, 'accept')) await load(); } }, '接单') : null,
      el('button', { type: 'button', onclick: () => openForm(node, t, 'progress') }, '进展'),
      el('button', { class: t.status === 'accepted' ? 'primary' : '', type: 'button', onclick: () => openForm(node, t, 'resolve') }, '办结'),
      el('button', { type: 'button', onclick: () => openForm(node, t, 'return') }, '退回'),
      state.me.role === 'secretary' && t.routing?.handler === 'community'
        ? el('button', { type: 'button', onclick: () => openReassign(node, t) }, '改派网格') : null,
      state.me.role === 'secretary' && ['assigned', 'accepted'].includes(t.status)
        ? el('button', { type: 'button', class: 'summon', onclick: () => openSummon(node, t) }, '吹哨') : null,
      el('button', { type: 'button', onclick: () => showPhotos(node, t) }, '照片')));
  return node;
}

// A volunteer takes an offered order (first taker wins), then reports progress and resolves it.
function volunteerActions(node, t) {
  const mine = t.volunteer === state.me.volunteer || (t.volunteer && !state.me.volunteer);
  return el('div', { class: 'actions' },
    !t.volunteer ? el('button', { class: 'primary', type: 'button', onclick: async () => { if (await act(t, 'accept')) await load(); } }, '接单') : null,
    t.volunteer && mine ? el('button', { type: 'button', onclick: () => openForm(node, t, 'progress') }, '进展') : null,
    t.volunteer && mine ? el('button', { class: 'primary', type: 'button', onclick: () => openForm(node, t, 'resolve') }, '办结') : null,
    t.volunteer && mine ? el('button', { type: 'button', onclick: () => showPhotos(node, t) }, '照片') : null);
}

async function act(t, action, note) {
  try {
    await api('POST', `/v1/tasks/${t.id}/${action}`, note ? { note } : {});
    state.fresh.delete(t.id);
    toast({ accept: '已接单', progress: '已记录进展', resolve: '已办结', return: '已退回' }[action]);
    return true;
  } catch (error) {
    toast(message(error));
    return false;
  }
}

async function upload(t, file) {
  const response = await fetch(`/v1/tickets/${t.id}/attachments`, {
    method: 'POST', headers: { Authorization: `Bearer ${storedKey() || ''}`, 'Content-Type': file.type || 'application/octet-stream' },
    body: file, cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function openForm(node, t, action) {
  node.querySelector('.form')?.remove();
  const names = { progress: '进展说明', resolve: '办结说明', return: '退回原因' };
  const id = `${action}-${t.id}`;
  const note = el('textarea', { id: `${id}-note`, required: action === 'return' });
  const photo = el('input', { id: `${id}-photo`, type: 'file', accept: 'image/*', capture: 'environment' });
  const form = el('form', { class: 'form', onsubmit: async (e) => {
    e.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      if (photo.files && photo.files[0]) {
        await upload(t, photo.files[0]);
        toast('照片已上传');
      }
      if (await act(t, action, note.value.trim())) { form.remove(); await load(); }
    } catch (error) {
      toast(message(error));
    } finally {
      submit.disabled = false;
    }
  } },
  el('label', { for: note.id }, names[action]), note,
  el('label', { for: photo.id }, '现场照片（可拍照）'), photo,
  el('div', { class: 'row' },
    el('button', { class: 'primary', type: 'submit' }, { progress: '提交进展', resolve: '确认办结', return: '确认退回' }[action]),
    el('button', { type: 'button', onclick: () => { form.remove(); render(); } }, '取消')));
  node.append(form);
  note.focus();
  // Above the fixed tab bar.
  form.scrollIntoView({ block: 'center' });
}

function openReassign(node, t) {
  node.querySelector('.form')?.remove();
  const id = `reassign-${t.id}`;
  const select = el('select', { id }, (state.me.grids || []).filter((g) => g.code !== t.routing?.grid)
    .map((g) => el('option', { value: g.code }, g.name)));
  const note = el('input', { id: `${id}-note`, type: 'text' });
  const form = el('form', { class: 'form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('POST', `/v1/tasks/${t.id}/reassign`, { grid: select.value, note: note.value.trim() || undefined });
      toast('已改派');
      form.remove();
      await load();
    } catch (error) { toast(message(error)); }
  } },
  el('label', { for: id }, '改派到'), select,
  el('label', { for: note.id }, '说明'), note,
  el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, '确认改派'),
    el('button', { type: 'button', onclick: () => form.remove() }, '取消')));
  node.append(form);
}

// 吹哨报到: the secretary summons departments onto the ticket; each must report in in time.
async function openSummon(node, t) {
  node.querySelector('.form')?.remove();
  let departments;
  try {
    state.jurisdiction = state.jurisdiction || await api('GET', '/v1/jurisdiction');
    const present = new Set((t.routing?.departments || []).map((d) => d.code));
    departments = state.jurisdiction.departments.filter((d) => !present.has(d.code));
  } catch (error) { toast(message(error)); return; }
  const note = el('input', { id: `summon-${t.id}-note`, type: 'text', maxlength: 500 });
  const boxes = departments.map((d) => el('input', { id: `summon-${t.id}-${d.code}`, type: 'checkbox', class: 'check', value: d.code }));
  const form = el('form', { class: 'form', onsubmit: async (e) => {
    e.preventDefault();
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!chosen.length) { toast('请选择要召集的部门。'); return; }
    try {
      await api('POST', `/v1/tickets/${t.id}/summon`, { departments: chosen, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      toast(`已吹哨，召集 ${chosen.length} 个部门报到`);
      form.remove();
      await load();
    } catch (error) { toast(message(error)); }
  } },
  el('fieldset', { class: 'departments' }, el('legend', {}, '召集部门报到'),
    departments.map((d, i) => el('label', { for: boxes[i].id, class: 'check-label' }, boxes[i], d.name))),
  el('label', { for: note.id }, '说明'), note,
  el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, '确认吹哨'),
    el('button', { type: 'button', onclick: () => form.remove() }, '取消')));
  node.append(form);
  form.scrollIntoView({ block: 'center' });
}

// Photos travel with the key in a header, so they are fetched and shown as data: URLs (the
// page's CSP allows images from this origin and data: only).
async function showPhotos(node, t) {
  const box = node.querySelector('.photos');
  try {
    const ticket = await api('GET', `/v1/tickets/${t.id}`);
    const items = ticket.attachments || [];
    if (!items.length) { fill(box, el('span', { class: 'muted' }, '暂无照片')); return; }
    fill(box, await photoFigures(items));
  } catch (error) { toast(message(error)); }
}

// MARK: patrol report

function renderReport() {
  const description = el('textarea', { id: 'report-description', required: true });
  const address = el('input', { id: 'report-address', type: 'text', autocomplete: 'address-line1' });
  const where = el('p', { class: 'meta', 'aria-live': 'polite' });
  const mapBox = el('div', { class: 'pick-map' });
  let position = null;
  const form = el('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    const location = {};
    if (address.value.trim()) location.address = address.value.trim();
    if (position) { location.lat = position.lat; location.lon = position.lon; }
    if (!location.address && !location.lat && state.me.grid) location.grid = state.me.grid;
    try {
      const ticket = await api('POST', '/v1/tickets', { channel: 'grid_patrol', description: description.value.trim(), location });
      toast(`已上报，工单号 ${ticket.number}`);
      description.value = '';
      address.value = '';
    } catch (error) { toast(message(error)); }
  } },
  el('h2', {}, '巡查上报'),
  el('label', { for: description.id }, '发现的问题'), description,
  el('label', { for: address.id }, '地点（可不填，默认本网格）'), address,
  el('div', { class: 'row' }, el('button', { type: 'button', onclick: () => {
    if (!navigator.geolocation) { fill(where, '此设备无法定位，请填写地点。'); return; }
    fill(where, '正在定位…');
    navigator.geolocation.getCurrentPosition(
      (p) => { position = { lat: p.coords.latitude, lon: p.coords.longitude }; fill(where, `已定位：${position.lat.toFixed(5)}, ${position.lon.toFixed(5)}`); },
      () => fill(where, '定位失败，请填写地点。'), { timeout: 10000 });
  } }, '使用当前位置'),
  el('button', { type: 'button', onclick: () => import('/m/map.js').then(({ pickOnMap }) => pickOnMap(mapBox, (p) => {
    position = { lat: Number(p.lat.toFixed(6)), lon: Number(p.lon.toFixed(6)) };
    fill(where, `已在地图选点：${(state.me.grids || []).find((g) => g.code === p.grid)?.name || p.grid}（${position.lat}, ${position.lon}）`);
  })).catch((error) => toast(message(error))) }, '在地图上选点')),
  mapBox,
  where,
  el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit' }, '提交上报')));
  fill($('#main'), form);
}

// MARK: start

(async () => {
  if (!storedKey()) { showSignIn(); return; }
  try {
    const me = await api('GET', '/v1/me');
    if (me.role === 'grid' || me.role === 'secretary') start(me); else showSignIn('此页面供网格员和社区书记使用。');
  } catch { showSignIn(); }
})();
