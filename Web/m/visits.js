// 走访: the households of my grid (a secretary: of the community) whose visit is due by the
// catalog's visitEvery, most overdue first, each with its colour; 户档 shows the members (a
// recorded read); 记录走访 records what was found and, when asked, opens a ticket (channel
// grid_patrol) at the household. Loaded on first use.

import { api } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { COLOUR, FLAG, day } from '/shared/labels.js';

/// Draws the visits tab into `main`; `notify(text)` shows a toast, `failed(error)` an error's text.
export async function renderVisits(main, { notify, failed }) {
  fill(main, el('h2', {}, '待走访'), el('p', { class: 'empty' }, '加载中…'));
  let due = [];
  try {
    const { workers } = await api('GET', '/v1/visits/overdue');
    due = workers.flatMap((w) => w.overdue.map((d) => ({ ...d, worker: w.name })));
  } catch (error) {
    fill(main, el('h2', {}, '待走访'), el('p', { class: 'error', role: 'alert' }, failed(error)));
    return;
  }
  due.sort((a, b) => String(a.dueSince).localeCompare(String(b.dueSince)));
  fill(main,
    el('h2', {}, `待走访 ${due.length} 户`),
    due.length ? due.map((d) => card(d)) : el('p', { class: 'empty' }, '没有到期未走访的户'));

  function card(d) {
    const node = el('article', { class: `card household colour-${d.colour}`, dataset: { household: d.household } },
      el('h3', {}, el('span', { class: `tag colour-${d.colour}` }, COLOUR[d.colour] || d.colour), el('span', {}, d.address)),
      el('p', { class: 'meta' }, `应访 ${day(d.dueSince)} · 上次 ${d.lastVisitAt ? day(d.lastVisitAt) : '从未走访'}${d.worker ? ` · ${d.worker}` : ''}`),
      el('div', { class: 'file' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', onclick: () => openVisit(node, d) }, '记录走访'),
        el('button', { type: 'button', onclick: () => showFile(node, d) }, '户档')));
    return node;
  }

  async function showFile(node, d) {
    const box = node.querySelector('.file');
    try {
      const h = await api('GET', `/v1/households/${encodeURIComponent(d.household)}`);
      fill(box, el('ul', { class: 'members', 'aria-label': '家庭成员' }, h.members.map((m) => el('li', {},
        `${m.name}${m.age != null ? ` ${m.age}岁` : ''}${m.flags.length ? ` · ${m.flags.map((f) => FLAG[f] || f).join('、')}` : ''}${m.phone ? ` · ${m.phone}` : ''}`))),
      h.watcher ? el('p', { class: 'meta' }, `联系人 ${h.watcher.name} ${h.watcher.phone}`) : null);
    } catch (error) { notify(failed(error)); }
  }

  function openVisit(node, d) {
    node.querySelector('.form')?.remove();
    const id = `visit-${d.household}`;
    const findings = el('textarea', { id: `${id}-findings`, required: true, maxlength: 2000 });
    const raise = el('input', { id: `${id}-ticket`, type: 'checkbox', class: 'check' });
    const form = el('form', { class: 'form', onsubmit: async (e) => {
      e.preventDefault();
      const text = findings.value.trim();
      if (!text) { notify('请填写走访情况。'); findings.focus(); return; }
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        const { ticket } = await api('POST', `/v1/households/${encodeURIComponent(d.household)}/visits`,
          { findings: text, ...(raise.checked ? { ticket: { description: text } } : {}) });
        notify(ticket ? `已记录走访，并上报工单 ${ticket.number}` : '已记录走访');
        await renderVisits(main, { notify, failed });
      } catch (error) {
        notify(failed(error));
        submit.disabled = false;
      }
    } },
    el('label', { for: findings.id }, '走访情况'), findings,
    el('label', { for: raise.id, class: 'check-label' }, raise, '发现问题，同时上报工单'),
    el('div', { class: 'row' },
      el('button', { class: 'primary', type: 'submit' }, '提交走访'),
      el('button', { type: 'button', onclick: () => form.remove() }, '取消')));
    node.append(form);
    findings.focus();
    form.scrollIntoView({ block: 'center' });
  }
}
