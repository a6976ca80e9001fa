// 工单: the work queue. Tabs by status plus 逾期 and 三重, each with its count; filters by street,
// grid and department; sorted by resolve-by (the most urgent first); cursor paging; a live event
// reloads the counts and the loaded rows (and flashes the row it was about).

import { api, throttle, query } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { STATUS, MAJOR, LEVEL, time, timeLeft } from '/shared/labels.js';

const TABS = [
  ['all', '全部', {}], ['unroutable', '待人工派单', { status: 'unroutable' }], ['received', '待派单', { status: 'received' }],
  ['assigned', '已派单', { status: 'assigned' }], ['accepted', '处理中', { status: 'accepted' }],
  ['overdue', '逾期', { overdue: true }], ['major', '三重', { major: true }], ['resolved', '已办结', { status: 'resolved' }],
  ['closed', '已关闭', { status: 'closed' }], ['duplicate', '重复件', { status: 'duplicate' }], ['cancelled', '已撤销', { status: 'cancelled' }],
];

export function queueView({ jurisdiction, open }) {
  const state = { tab: 'all', street: '', grid: '', department: '', rows: [], cursor: null, flash: null };
  const categories = Object.fromEntries(jurisdiction.categories.map((c) => [c.code, c.name]));
  const tabs = el('div', { class: 'tabs', role: 'tablist', id: 'queue-tabs' });
  const select = (id, label, options) => el('select', { id, 'aria-label': label }, el('option', { value: '' }, `全部${label}`),
    options.map(([value, text]) => el('option', { value }, text)));
  const street = select('filter-street', '街道', jurisdiction.streets.map((s) => [s.code, s.name]));
  const grid = select('filter-grid', '网格', jurisdiction.grids.map((g) => [g.code, `${g.communityName} · ${g.name}`]));
  const department = select('filter-department', '部门', jurisdiction.departments.map((d) => [d.code, d.name]));
  const body = el('tbody', { id: 'queue-rows' });
  const more = el('button', { id: 'queue-more', class: 'hidden', onclick: () => load(true) }, '加载更多');
  const node = el('div', { class: 'panel' }, el('h2', {}, '工单队列'), tabs, el('div', { class: 'filters' }, street, grid, department),
    el('table', {}, el('thead', {}, el('tr', {}, ['工单号', '受理时间', '分类', '诉求', '网格', '状态', '层级', '办结时限'].map((h) => el('th', {}, h)))), body),
    el('div', { class: 'actions' }, more));

  for (const [control, key] of [[street, 'street'], [grid, 'grid'], [department, 'department']]) {
    control.addEventListener('change', () => { state[key] = control.value; refresh(); });
  }

  function filters() {
    return { street: state.street, grid: state.grid, department: state.department };
  }

  let countsGeneration = 0;
  async function loadCounts() {
    const mine = ++countsGeneration;
    const counts = await api('GET', `/v1/counts${query(filters())}`);
    if (mine !== countsGeneration) return;
    const countOf = (key) => (key === 'all' ? counts.total : key === 'overdue' ? counts.overdue : key === 'major' ? counts.major : counts.status[key] || 0);
    fill(tabs, TABS.map(([key, label]) => el('button', {
      type: 'button', role: 'tab', class: key === state.tab ? 'current' : '', 'aria-selected': key === state.tab ? 'true' : 'false',
      dataset: { tab: key }, onclick: () => { state.tab = key; refresh(); },
    }, label, el('span', { class: 'count', dataset: { count: key } }, String(countOf(key))))));
  }

  // Loads overlap (a filter changed while a live reload was under way): only the latest draws.
  let generation = 0;
  async function load(next = false, size = 50) {
    const mine = ++generation;
    const tab = TABS.find(([key]) => key === state.tab)[2];
    const page = await api('GET', `/v1/tickets${query({ ...tab, ...filters(), sort: 'deadline', limit: size, cursor: next ? state.cursor : '' })}`);
    if (mine !== generation) return;
    state.rows = next ? state.rows.concat(page.tickets) : page.tickets;
    state.cursor = page.nextCursor;
    more.classList.toggle('hidden', !page.nextCursor);
    render();
  }

  function render() {
    fill(body, state.rows.map((t) => {
      const left = timeLeft(t.deadlines.resolveBy);
      const open = ['received', 'assigned', 'accepted', 'unroutable'].includes(t.status);
      const row = el('tr', {
        tabindex: 0, dataset: { ticket: t.id, number: t.number, status: t.status },
        class: state.flash === t.id ? 'flash' : '',
        onclick: () => openTicket(t.id),
        onkeydown: (e) => { if (e.key === 'Enter') openTicket(t.id); },
      },
      el('td', {}, t.number, t.major ? [' ', el('span', { class: 'badge major' }, MAJOR[t.major])] : null),
      el('td', {}, time(t.createdAt)),
      el('td', {}, categories[t.category] || t.category || '—'),
      el('td', { class: 'description' }, t.description.length > 40 ? `${t.description.slice(0, 40)}…` : t.description),
      el('td', {}, t.routing ? t.routing.gridName || t.routing.grid || '—' : '—'),
      el('td', { class: 'status' }, STATUS[t.status] || t.status),
      el('td', {}, LEVEL[t.level] || ''),
      el('td', { class: open && left.overdue ? 'overdue' : '' }, t.deadlines.resolveBy ? [t.deadlines.resolveByText, ' ', open ? left.text : ''] : '—'));
      return row;
    }));
    state.flash = null;
  }

  function openTicket(id) { open(id); }

  async function refresh() {
    await Promise.all([loadCounts(), load(false)]);
  }
  // Live: reload what is shown, as many rows as are loaded, at most once a second.
  const reload = throttle(() => Promise.all([loadCounts(), load(false, Math.min(Math.max(state.rows.length, 50), 500))]), 1000);

  refresh();
  return {
    node,
    focus: () => {},
    onEvent: (event) => { state.flash = event.ticketId; reload(); },
    onSync: () => reload(),
  };
}
