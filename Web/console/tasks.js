// 部门任务: a department's open tasks, soonest deadline first, with accept, progress, resolve and
// return (a reason required) on each card. Live: reloads when an event about its tickets arrives.

import { api, throttle, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { STATUS, ROLE, MAJOR, time, timeLeft } from '/shared/labels.js';

export function tasksView({ me, jurisdiction, open }) {
  const categories = Object.fromEntries(jurisdiction.categories.map((c) => [c.code, c.name]));
  const list = el('div', { id: 'task-list' });
  const node = el('div', { class: 'panel' }, el('h2', {}, `${me.departmentName || me.department || ''} · 待办任务`), list);

  // Cards are kept while their ticket is unchanged, so a live update never wipes a note being typed.
  let cards = new Map();
  let generation = 0;
  async function load() {
    const mine = ++generation;
    const { tasks } = await api('GET', '/v1/tasks');
    if (mine !== generation) return;
    const next = new Map();
    for (const t of tasks) {
      const key = `${t.id}:${t.version}`;
      next.set(key, cards.get(key) || card(t));
    }
    const same = next.size === cards.size && [...next.keys()].every((key, i) => [...cards.keys()][i] === key);
    cards = next;
    if (same && list.childElementCount) return; // nothing changed: keep focus where it is
    fill(list, tasks.length ? [...next.values()] : el('p', { class: 'muted' }, '暂无待办任务'));
  }

  function card(t) {
    const role = (t.routing?.departments || []).find((d) => d.code === me.department)?.role;
    const respond = timeLeft(t.deadlines.respondBy);
    const resolve = timeLeft(t.deadlines.resolveBy);
    const note = el('input', { class: 'task-note', placeholder: '说明（退单必填原因）', maxlength: 500, 'aria-label': '说明' });
    const error = el('div', { class: 'error', role: 'alert' });
    const reply = (action) => async () => {
      if (action === 'return' && !note.value.trim()) { error.textContent = '退单请填写原因'; note.focus(); return; }
      try {
        await api('POST', `/v1/tasks/${t.id}/${action}`, { note: note.value.trim() });
        await load();
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 409 ? `不能这样操作：${e.message}` : e.message;
      }
    };
    return el('div', { class: 'task-card', dataset: { ticket: t.id, number: t.number, status: t.status } },
      el('h3', {}, el('a', { href: `#/ticket/${t.id}` }, t.number), ` · ${categories[t.category] || t.category || ''} · `,
        el('span', { class: 'status' }, STATUS[t.status]), role ? ` · ${ROLE[role]}` : '',
        t.major ? [' ', el('span', { class: 'badge major' }, MAJOR[t.major])] : null),
      el('div', { class: 'description' }, t.description),
      el('div', { class: 'muted' }, t.location.address || '', t.routing?.gridName ? ` · ${t.routing.gridName}` : ''),
      el('div', {},
        t.status === 'assigned' ? el('span', { class: respond.overdue ? 'overdue' : '' }, `签收时限 ${t.deadlines.respondByText}（${respond.text}）　`) : null,
        el('span', { class: resolve.overdue ? 'overdue' : '' }, `办结时限 ${t.deadlines.resolveByText}（${resolve.text}）`)),
      el('div', { class: 'action-row' }, note,
        t.status === 'assigned' ? el('button', { class: 'primary task-accept', onclick: reply('accept') }, '签收') : null,
        t.status === 'accepted' ? el('button', { class: 'task-progress', onclick: reply('progress') }, '报告进展') : null,
        el('button', { class: `task-resolve ${t.status === 'accepted' ? 'primary' : ''}`, onclick: reply('resolve') }, '办结'),
        el('button', { class: 'task-return', onclick: reply('return') }, '退单')),
      error);
  }

  const reload = throttle(load, 1000);
  load();
  return { node, onEvent: reload, onSync: reload };
}
