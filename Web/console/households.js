// 一户一档: households searched by code, address, a member's name or a whole phone number, by
// grid and colour; a household's file with its colour and why, members, visits, check-ins and
// tickets (a visit can be recorded there); and the overdue visits by grid worker. Every list and
// every file read is recorded by the API (who, what filter): the page reads only what is shown.

import { api, query, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { COLOUR, FLAG, KIND, STATUS, time, day } from '/shared/labels.js';

function colourBadge(colour) {
  return el('span', { class: `badge colour-${colour}`, dataset: { colour } }, COLOUR[colour] || colour);
}

/// The API's colour reason in Chinese: `red: 独居 + 70岁以上 (曹福禄)` -> `独居 + 70岁以上 (曹福禄)`.
function colourReason(h) {
  if (h.override) return `人工调整（${h.override.by}）：${h.override.reason}`;
  const reason = String(h.colourReason || '').replace(/^(red|yellow|green):\s*/, '');
  return reason === 'no rule matched' ? '未命中任何规则' : reason;
}

/// `#/households`: search and overdue visits.
export function householdsView({ jurisdiction, openHousehold }) {
  const grids = jurisdiction.grids;
  const gridName = Object.fromEntries(grids.map((g) => [g.code, `${g.communityName} · ${g.name}`]));
  const text = el('input', { id: 'household-q', type: 'search', maxlength: 100, placeholder: '户号、地址或成员姓名' });
  const phone = el('input', { id: 'household-phone', type: 'search', inputmode: 'tel', maxlength: 20, placeholder: '完整电话号码' });
  const grid = el('select', { id: 'household-grid' }, el('option', { value: '' }, '全部网格'),
    grids.map((g) => el('option', { value: g.code }, gridName[g.code])));
  const colour = el('select', { id: 'household-colour' }, el('option', { value: '' }, '全部颜色'),
    Object.entries(COLOUR).map(([code, name]) => el('option', { value: code }, name)));
  const error = el('p', { class: 'error', id: 'household-error', role: 'alert' });
  const rows = el('tbody', { id: 'household-rows' });
  const more = el('button', { id: 'household-more', type: 'button', class: 'hidden', onclick: () => search(true) }, '加载更多');
  let cursor = null;

  const form = el('form', { class: 'filters', id: 'household-search', role: 'search', onsubmit: (e) => { e.preventDefault(); search(false); } },
    el('label', { for: text.id, class: 'inline' }, '查询'), text,
    el('label', { for: phone.id, class: 'inline' }, '电话'), phone,
    el('label', { for: grid.id, class: 'inline' }, '网格'), grid,
    el('label', { for: colour.id, class: 'inline' }, '颜色'), colour,
    el('button', { class: 'primary', type: 'submit', id: 'household-submit' }, '查询'));

  async function search(next) {
    error.textContent = '';
    try {
      const page = await api('GET', `/v1/households${query({
        q: text.value.trim(), phone: phone.value.trim(), grid: grid.value, colour: colour.value, cursor: next ? cursor : '', limit: 50,
      })}`);
      cursor = page.nextCursor;
      more.classList.toggle('hidden', !cursor);
      const lines = page.households.map((h) => el('tr', {
        tabindex: 0, dataset: { code: h.code, colour: h.colour },
        onclick: () => openHousehold(h.code), onkeydown: (e) => { if (e.key === 'Enter') openHousehold(h.code); },
      },
      el('td', {}, h.code), el('td', {}, colourBadge(h.colour)), el('td', {}, h.address),
      el('td', {}, gridName[h.grid] || h.gridName || h.grid), el('td', {}, KIND[h.kind] || h.kind),
      el('td', {}, String(h.members.length)),
      el('td', {}, [...new Set(h.members.flatMap((m) => m.flags))].map((f) => FLAG[f] || f).join('、')),
      el('td', {}, h.checkin ? '是' : '')));
      if (next) rows.append(...lines); else fill(rows, lines.length ? lines : el('tr', {}, el('td', { colspan: 8, class: 'muted' }, '没有符合条件的户')));
    } catch (e) {
      error.textContent = e instanceof ApiError && e.fields.length ? e.fields.map((f) => `${f.field}：${f.message}`).join('；') : e.message;
    }
  }

  const overdue = el('div', { id: 'overdue-visits' }, el('p', { class: 'muted' }, '加载中…'));
  async function loadOverdue() {
    try {
      const { workers } = await api('GET', '/v1/visits/overdue');
      fill(overdue, workers.length ? el('table', {},
        el('thead', {}, el('tr', {}, ['网格员', '网格', '逾期户数', '最久逾期'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, workers.map((w) => [
          el('tr', { class: 'worker-row', dataset: { worker: w.name } },
            el('td', {}, w.name || '（未登记）'), el('td', {}, w.grids.map((g) => gridName[g] || g).join('、')),
            el('td', { class: 'overdue', dataset: { count: w.overdue.length } }, String(w.overdue.length)),
            el('td', {}, day(w.overdue[0]?.dueSince))),
          el('tr', { class: 'worker-households' }, el('td', { colspan: 4 }, w.overdue.slice(0, 20).map((d) => el('button', {
            type: 'button', class: 'link', dataset: { code: d.household }, onclick: () => openHousehold(d.household),
          }, colourBadge(d.colour), ` ${d.address}（应访 ${day(d.dueSince)}）`)), w.overdue.length > 20 ? el('span', { class: 'muted' }, ` 等 ${w.overdue.length} 户`) : null)),
        ]))) : el('p', { class: 'muted' }, '没有逾期未走访的户'));
    } catch (e) {
      fill(overdue, el('p', { class: 'error' }, e.message));
    }
  }

  const node = el('div', { class: 'households' },
    el('section', { class: 'panel', 'aria-labelledby': 'households-title' },
      el('h2', { id: 'households-title' }, '一户一档 · 查询'), form, error,
      el('table', {}, el('thead', {}, el('tr', {}, ['户号', '颜色', '地址', '网格', '类型', '成员', '关注', '平安打卡'].map((h) => el('th', { scope: 'col' }, h)))), rows),
      el('div', { class: 'actions' }, more)),
    el('section', { class: 'panel', 'aria-labelledby': 'overdue-title' }, el('h2', { id: 'overdue-title' }, '逾期未走访（按网格员）'), overdue));

  search(false);
  loadOverdue();
  return { node, focus: () => text.focus(), onSync: loadOverdue };
}

/// `#/household/<code>`: one household's file.
export function householdView({ open }, code) {
  const node = el('div', { id: 'household-page' }, el('p', { class: 'muted' }, '加载中…'));

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  async function load() {
    let h;
    try {
      h = await api('GET', `/v1/households/${encodeURIComponent(code)}`);
    } catch (e) {
      fill(node, el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? '没有这一户' : e.message));
      return;
    }
    const findings = el('textarea', { id: 'visit-findings', maxlength: 2000, required: true });
    const raise = el('input', { id: 'visit-ticket', type: 'checkbox' });
    const visitError = el('p', { class: 'error', id: 'visit-error', role: 'alert' });
    const visitForm = el('form', { id: 'visit-form', onsubmit: async (e) => {
      e.preventDefault();
      visitError.textContent = '';
      const text = findings.value.trim();
      if (!text) { visitError.textContent = '请填写走访情况'; findings.focus(); return; }
      try {
        await api('POST', `/v1/households/${encodeURIComponent(h.code)}/visits`, { findings: text, ...(raise.checked ? { ticket: { description: text } } : {}) });
        await load();
      } catch (err) { visitError.textContent = err.message; }
    } },
    el('div', { class: 'field' }, el('label', { for: findings.id }, '走访情况'), findings),
    el('div', { class: 'field' }, el('label', { for: raise.id }, '发现问题'), el('div', {}, raise, '同时生成工单（网格员上报）')),
    visitError,
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'visit-submit' }, '记录走访')));

    fill(node,
      el('div', { class: 'panel' },
        el('h2', {}, `户档 ${h.code} · `, colourBadge(h.colour)),
        facts([
          ['地址', h.address], ['网格', [h.street, h.community, h.gridName].filter(Boolean).join(' · ')],
          ['类型', KIND[h.kind] || h.kind], ['颜色依据', colourReason(h)],
          ['联系人', h.watcher ? `${h.watcher.name} ${h.watcher.phone}` : ''],
          ['平安打卡', h.checkin ? '每日' : '否'],
          ['上次走访', h.lastVisitAt ? time(h.lastVisitAt) : '从未走访'],
          ['下次应访', h.nextVisitDue ? day(h.nextVisitDue) : '—'],
        ])),
      el('div', { class: 'ticket' },
        el('div', {},
          el('section', { class: 'panel', id: 'household-members', 'aria-labelledby': 'members-title' }, el('h2', { id: 'members-title' }, `成员 ${h.members.length} 人`),
            el('table', {}, el('thead', {}, el('tr', {}, ['姓名', '年龄', '电话', '关注'].map((x) => el('th', { scope: 'col' }, x)))),
              el('tbody', {}, h.members.map((m) => el('tr', {}, el('td', {}, m.name), el('td', {}, m.age != null ? `${m.age}岁` : ''),
                el('td', {}, m.phone || ''), el('td', {}, m.flags.map((f) => FLAG[f] || f).join('、'))))))),
          el('section', { class: 'panel', id: 'household-tickets', 'aria-labelledby': 'htickets-title' }, el('h2', { id: 'htickets-title' }, '工单'),
            h.tickets && h.tickets.length ? el('ul', { class: 'plain' }, h.tickets.map((t) => el('li', {},
              el('button', { type: 'button', class: 'link', onclick: () => open(t.id) }, t.number), ` ${STATUS[t.status] || t.status} · ${time(t.createdAt)}`)))
              : el('p', { class: 'muted' }, '暂无工单')),
          el('section', { class: 'panel', id: 'household-checkins', 'aria-labelledby': 'checkins-title' }, el('h2', { id: 'checkins-title' }, '平安打卡'),
            h.checkins && h.checkins.length ? el('ul', { class: 'plain' }, h.checkins.map((c) => el('li', {},
              `${c.day} `, c.answeredAt ? `已回复 ${time(c.answeredAt)}` : c.missedAt ? el('span', { class: 'overdue' }, '未回复，已生成核查工单') : '待回复')))
              : el('p', { class: 'muted' }, '暂无打卡记录'))),
        el('div', {},
          el('section', { class: 'panel', id: 'household-visits', 'aria-labelledby': 'visits-title' }, el('h2', { id: 'visits-title' }, '走访记录'),
            visitForm,
            h.visits && h.visits.length ? el('ol', { class: 'timeline' }, h.visits.map((v) => el('li', {},
              el('strong', {}, v.visitor), ' ', el('span', { class: 'muted' }, time(v.visitedAt)), el('div', {}, v.findings))))
              : el('p', { class: 'muted' }, '暂无走访记录')))));
  }

  // Read once: every read of a file is recorded, so a live update does not read it again.
  load();
  return { node };
}
