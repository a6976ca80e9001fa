// 回访: tickets awaiting a call back - resolved and not yet rated, or closed because the resident
// never answered the rating SMS. The operator calls and records the outcome (1/2/3); a
// dissatisfied answer reopens the ticket, as a rating by SMS would.

import { api, throttle, query, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { STATUS, RATING, time } from '/shared/labels.js';

export function followUpView({ jurisdiction, open }) {
  const categories = Object.fromEntries(jurisdiction.categories.map((c) => [c.code, c.name]));
  const body = el('tbody', { id: 'followup-rows' });
  const more = el('button', { id: 'followup-more', class: 'hidden', onclick: () => load(true) }, '加载更多');
  const node = el('div', { class: 'panel' }, el('h2', {}, '待回访'),
    el('table', {}, el('thead', {}, el('tr', {}, ['工单号', '来电人', '电话', '分类', '诉求', '状态', '办结时间', '回访结果'].map((h) => el('th', {}, h)))), body),
    el('div', { class: 'actions' }, more));
  let rows = [];
  let cursor = null;

  async function load(next = false) {
    const page = await api('GET', `/v1/tickets${query({ followUp: true, sort: 'deadline', limit: 50, cursor: next ? cursor : '' })}`);
    rows = next ? rows.concat(page.tickets) : page.tickets;
    cursor = page.nextCursor;
    more.classList.toggle('hidden', !cursor);
    fill(body, rows.map((t) => {
      const error = el('div', { class: 'error', role: 'alert' });
      const rate = (score) => async (event) => {
        event.stopPropagation();
        try {
          await api('POST', `/v1/tickets/${t.id}/rating`, { score });
          await load();
        } catch (e) {
          error.textContent = e instanceof ApiError && e.status === 409 ? `不能评价：${e.message}` : e.message;
        }
      };
      return el('tr', { dataset: { ticket: t.id, number: t.number } },
        el('td', {}, el('a', { href: `#/ticket/${t.id}` }, t.number)),
        el('td', {}, t.caller?.name || '—'),
        el('td', {}, t.caller?.phone || '—'),
        el('td', {}, categories[t.category] || t.category || '—'),
        el('td', {}, t.description.length > 40 ? `${t.description.slice(0, 40)}…` : t.description),
        el('td', {}, STATUS[t.status]),
        el('td', {}, time(t.resolvedAt)),
        el('td', {}, Object.entries(RATING).map(([score, label]) => el('button', { dataset: { score }, onclick: rate(Number(score)) }, label)), error));
    }));
  }

  const reload = throttle(() => load(), 1000);
  load();
  return { node, onEvent: reload, onSync: reload };
}
