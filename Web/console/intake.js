// 受理: the call-taker's form. Tab walks the fields in speaking order, Enter submits (Shift+Enter
// makes a new line in the description). The classifier suggests a category while the description
// is typed; the grids' aliases suggest a place while the address is typed, or a grid is picked on
// the map. After submitting, the ticket number shows at once and its routing as soon as the
// dispatcher has decided (from the live stream, with a fetch after a resync).

import { api, debounce, query, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { drawGrids } from '/shared/map.js';
import { STATUS, HANDLER, LEVEL, ROLE, MAJOR, URGENCY, normalizePhone } from '/shared/labels.js';
import { knowledgeSuggestions } from '/console/suggestions.js';

let geojsonCache = null;

export function intakeView({ jurisdiction, open }) {
  const fields = {};
  const errors = {};
  function field(name, label, input, extra = null) {
    input.id = `f-${name}`;
    fields[name] = input;
    errors[name] = el('div', { class: 'error', id: `e-${name}`, role: 'alert' });
    return el('div', { class: 'field', dataset: { field: name } }, el('label', { for: input.id }, label), input, errors[name], extra);
  }
  const option = (value, text, selected = false) => el('option', { value, selected }, text);

  const categoryHint = el('div', { class: 'hint', id: 'category-hint', 'aria-live': 'polite' });
  const placeHints = el('div', { class: 'suggestions', id: 'place-suggestions' });
  const gridHint = el('div', { class: 'hint', id: 'grid-hint' });
  let categoryTouched = false;

  const form = el('form', { class: 'panel', id: 'intake-form', novalidate: true },
    el('h2', {}, '受理来电'),
    field('name', '来电人', el('input', { autocomplete: 'off', maxlength: 50 })),
    field('phone', '联系电话', el('input', { autocomplete: 'off', inputmode: 'tel', maxlength: 30 })),
    field('description', '诉求内容', el('textarea', { maxlength: 2000 }), categoryHint),
    field('category', '分类', el('select', {}, option('', '（按内容自动分类）'),
      jurisdiction.categories.map((c) => option(c.code, c.handler === 'volunteer' ? `${c.name}（社区服务清单·志愿者）` : c.name)))),
    field('address', '地址', el('input', { autocomplete: 'off', maxlength: 300 }), placeHints),
    field('grid', '网格', el('select', {}, option('', '（按地址定位）'),
      jurisdiction.grids.map((g) => option(g.code, `${g.streetName} · ${g.communityName} · ${g.name}`))), gridHint),
    field('urgency', '紧急程度', el('select', {}, option('', '（按分类默认）'),
      Object.entries(URGENCY).map(([code, name]) => option(code, name)))),
    field('major', '三重事项', el('select', {}, option('', '否'),
      Object.entries(MAJOR).map(([code, name]) => option(code, name)))),
    field('channel', '渠道', el('select', {}, option('phone', '电话', true), option('walk_in', '来访'), option('web', '网站'),
      option('app', '应用'), option('grid_patrol', '网格员上报'))),
    el('div', { class: 'error', id: 'e-form', role: 'alert' }),
    el('div', { class: 'actions' },
      el('button', { class: 'primary', type: 'submit', id: 'submit-ticket' }, '提交受理 (Enter)'),
      el('button', { type: 'reset', id: 'reset-ticket' }, '清空')));
  const result = el('div', { id: 'intake-result', 'aria-live': 'polite' });
  const svg = el('svg:svg', { class: 'map', id: 'intake-map', role: 'img', 'aria-label': '网格地图（点击选择）' });
  const knowledge = knowledgeSuggestions({ description: fields.description, answer: (article) => submitTicket(article) });
  const node = el('div', { class: 'intake' }, el('div', {}, form, result), el('div', {}, knowledge.node,
    el('div', { class: 'panel' }, el('h2', {}, '地图选点'), svg, el('p', { class: 'hint' }, '点击网格以选定位置；地址栏输入小区或路名可获得建议。'))));

  let picked = null;
  let shapes = new Map();
  function markGrid(code) {
    for (const [c, path] of shapes) path.classList.toggle('picked', c === code);
  }
  (async () => {
    geojsonCache = geojsonCache || await api('GET', '/v1/jurisdiction/grids');
    ({ shapes } = drawGrids(svg, geojsonCache, {
      labels: true,
      onPick: (code, point) => {
        picked = point;
        fields.grid.value = code;
        markGrid(code);
        gridHint.textContent = `已在地图选点：${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
      },
    }));
  })();
  fields.grid.addEventListener('change', () => { picked = null; gridHint.textContent = ''; markGrid(fields.grid.value); });

  // The classifier, as the API would apply it when no category is chosen.
  const suggestCategory = debounce(async () => {
    const text = fields.description.value.trim();
    if (!text) { categoryHint.textContent = ''; return; }
    try {
      const { category } = await api('GET', `/v1/classify${query({ text })}`);
      if (!category) { categoryHint.textContent = '未识别分类，请手动选择'; return; }
      const department = jurisdiction.departments.find((d) => d.code === category.department);
      categoryHint.textContent = `建议分类：${category.name}（${HANDLER[category.handler] || category.handler}${department ? ` · ${department.name}` : ''} · ${URGENCY[category.urgency]}）`;
      categoryHint.dataset.category = category.code;
      if (!categoryTouched) fields.category.value = category.code;
    } catch { categoryHint.textContent = ''; }
  }, 250);
  fields.description.addEventListener('input', suggestCategory);
  fields.category.addEventListener('change', () => { categoryTouched = fields.category.value !== ''; });

  const suggestPlaces = debounce(async () => {
    const q = fields.address.value.trim();
    if (!q) { fill(placeHints); return; }
    try {
      const { places } = await api('GET', `/v1/jurisdiction/places${query({ q })}`);
      fill(placeHints, places.map((p) => el('button', {
        type: 'button', tabindex: -1, dataset: { grid: p.grid },
        onclick: () => { fields.grid.value = p.grid; markGrid(p.grid); gridHint.textContent = `按“${p.alias}”定位到 ${p.gridName}`; },
      }, `${p.alias} → ${p.streetName} · ${p.communityName} · ${p.gridName}`)));
      // The best match places the address, as the API's alias lookup would.
      if (places.length && !fields.grid.value && !picked) gridHint.textContent = `地址将定位到：${places[0].gridName}（${places[0].alias}）`;
    } catch { fill(placeHints); }
  }, 250);
  fields.address.addEventListener('input', suggestPlaces);

  const PHONE_ERROR = '不是有效的手机号（1xxxxxxxxxx）或座机号（0xxx-xxxxxxx）';
  const phoneError = () => {
    const raw = fields.phone.value.trim();
    return raw && !normalizePhone(raw) ? PHONE_ERROR : '';
  };
  fields.phone.addEventListener('blur', () => setError('phone', phoneError()));
  fields.description.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('reset', () => {
    for (const name of Object.keys(errors)) setError(name, '');
    knowledge.reset();
    categoryTouched = false; picked = null; categoryHint.textContent = ''; gridHint.textContent = ''; fill(placeHints); markGrid(null);
    setTimeout(() => fields.name.focus());
  });

  function setError(name, message) {
    if (!errors[name]) name = 'form';
    const target = errors[name] || form.querySelector('#e-form');
    target.textContent = message;
    const wrapper = target.closest('.field');
    if (wrapper) wrapper.classList.toggle('invalid', !!message);
  }
  // The API's field names, placed beside the form's fields.
  const FIELD_OF = {
    'caller.name': 'name', 'caller.phone': 'phone', description: 'description', category: 'category',
    'location.address': 'address', 'location.grid': 'grid', location: 'address', 'location.lat': 'grid',
    'location.lon': 'grid', urgency: 'urgency', major: 'major', channel: 'channel',
  };

  // The API's field errors in Chinese where the field's rule is known.
  const MESSAGES = {
    'caller.phone': PHONE_ERROR, description: '请填写诉求内容', location: '请至少填写地址、地图选点或网格之一',
    'location.grid': '没有这个网格',
  };

  let waiting = null; // the ticket whose routing is awaited
  form.addEventListener('submit', (event) => { event.preventDefault(); submitTicket(null); });

  // Submits the call; with `article`, as a direct answer (no place needed, never routed).
  async function submitTicket(article) {
    for (const name of Object.keys(errors)) setError(name, '');
    form.querySelector('#e-form').textContent = '';
    // The API's own rules, checked here first so the call-taker hears of them at once.
    const local = [['phone', phoneError()], ['description', fields.description.value.trim() ? '' : MESSAGES.description]];
    if (article && !fields.phone.value.trim()) local.push(['phone', '直接答复需要来电号码，以便短信发送答复']);
    if (local.some(([, message]) => message)) {
      for (const [name, message] of local) setError(name, message);
      fields[local.find(([, message]) => message)[0]].focus();
      return;
    }
    const body = { channel: fields.channel.value, description: fields.description.value.trim(), location: {} };
    const caller = {};
    if (fields.name.value.trim()) caller.name = fields.name.value.trim();
    if (fields.phone.value.trim()) caller.phone = fields.phone.value.trim();
    if (Object.keys(caller).length) body.caller = caller;
    if (fields.category.value) body.category = fields.category.value;
    if (fields.address.value.trim()) body.location.address = fields.address.value.trim();
    if (fields.grid.value) body.location.grid = fields.grid.value;
    if (picked) { body.location.lat = Number(picked.lat.toFixed(6)); body.location.lon = Number(picked.lon.toFixed(6)); }
    if (fields.urgency.value) body.urgency = fields.urgency.value;
    if (fields.major.value) body.major = fields.major.value;
    if (article) body.answer = { article: article.id };
    if (article && !Object.keys(body.location).length) delete body.location;
    const submit = form.querySelector('#submit-ticket');
    submit.disabled = true;
    try {
      const ticket = await api('POST', '/v1/tickets', body);
      waiting = ticket;
      showResult(ticket);
      form.reset();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        for (const f of e.fields) setError(FIELD_OF[f.field] || 'form', MESSAGES[f.field] || `${f.field}：${f.message}`);
        const first = e.fields.map((f) => FIELD_OF[f.field]).find((n) => n && fields[n]);
        if (first) fields[first].focus();
      } else {
        setError('form', e.message);
      }
    } finally {
      submit.disabled = false;
    }
  }

  function showResult(ticket) {
    const routing = ticket.routing;
    const decided = ticket.status !== 'received';
    if (ticket.status === 'answered') waiting = null;
    fill(result, el('div', { class: 'result', id: 'result-card', dataset: { ticket: ticket.id, status: ticket.status } },
      el('div', {}, ticket.status === 'answered' ? '已直接答复，工单号 ' : '已受理，工单号 ', el('span', { class: 'number', id: 'result-number' }, ticket.number)),
      el('div', { id: 'result-routing' }, decided && routing
        ? [`${STATUS[ticket.status]}：${[routing.streetName, routing.communityName, routing.gridName].filter(Boolean).join(' · ')}`,
          ` · ${HANDLER[routing.handler] || ''} · 责任层级 ${LEVEL[routing.level]}`,
          routing.departments.length ? ` · ${routing.departments.map((d) => `${ROLE[d.role]} ${d.name || d.code}`).join('，')}` : '',
          el('div', { class: 'hint' }, `依据：${(routing.reasons || []).join('；')}`)]
        : decided ? STATUS[ticket.status] : '正在派单…'),
      el('div', { class: 'actions' }, el('button', { type: 'button', id: 'open-result', onclick: () => open(ticket.id) }, '查看工单'))));
  }

  async function refreshWaiting() {
    if (!waiting) return;
    try {
      const ticket = await api('GET', `/v1/tickets/${waiting.id}`);
      if (waiting && ticket.id === waiting.id) { showResult(ticket); if (ticket.status !== 'received') waiting = null; }
    } catch { /* shown on the next event */ }
  }

  return {
    node,
    close: () => knowledge.close(),
    focus: () => fields.name.focus(),
    onEvent: (event) => { if (waiting && event.ticketId === waiting.id) refreshWaiting(); },
    onSync: refreshWaiting,
  };
}
