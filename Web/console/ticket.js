// One ticket: routing with its reasons, deadlines with time left, the history timeline, the SMS
// sent, and the actions the role may take in the ticket's state. Refreshes when an event about it
// arrives.

import { api, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { photoFigures } from '/shared/photos.js';
import {
  STATUS, HANDLER, LEVEL, ROLE, MAJOR, URGENCY, RATING, CHANNEL, EVENT, SMS_KIND, RECIPIENT, SMS_STATUS, SUPERVISION, time, timeLeft,
} from '/shared/labels.js';

const OPEN = ['received', 'assigned', 'accepted', 'unroutable', 'returned'];

export function ticketView({ me, jurisdiction }, id) {
  const node = el('div', { id: 'ticket-page' }, el('p', { class: 'muted' }, '加载中…'));
  const categories = Object.fromEntries(jurisdiction.categories.map((c) => [c.code, c.name]));
  let ticket = null;

  let shown = '';
  async function load() {
    try {
      ticket = await api('GET', `/v1/tickets/${encodeURIComponent(id)}`);
      const messages = me.role === 'department' ? [] : (await api('GET', `/v1/tickets/${ticket.id}/messages`)).messages;
      // Redraw only what changed, so a live update does not wipe a reason being typed.
      const state = JSON.stringify([ticket.version, messages.map((m) => [m.kind, m.status]), (ticket.attachments || []).map((a) => a.id)]);
      if (state === shown) return;
      shown = state;
      render(messages);
    } catch (e) {
      fill(node, el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? '没有这张工单' : e.message));
    }
  }

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v, attrs]) => [el('dt', {}, k), el('dd', attrs || {}, v)]));
  }

  function render(messages) {
    const t = ticket;
    const photos = el('div', { class: 'photos', id: 'ticket-photos' });
    if (t.attachments && t.attachments.length) photoFigures(t.attachments).then((figures) => photos.replaceChildren(...figures)).catch(() => {});
    const r = t.routing;
    const respond = timeLeft(t.deadlines.respondBy);
    const resolve = timeLeft(t.deadlines.resolveBy);
    const open = OPEN.includes(t.status);
    fill(node,
      el('div', { class: 'panel' },
        el('h2', {}, `工单 ${t.number} · `, el('span', { id: 'ticket-status', dataset: { status: t.status } }, STATUS[t.status] || t.status),
          t.major ? [' ', el('span', { class: 'badge major' }, MAJOR[t.major])] : null),
        el('div', { class: 'error', id: 'action-error', role: 'alert' }),
        actions()),
      el('div', { class: 'ticket' },
        el('div', {},
          el('div', { class: 'panel' }, el('h2', {}, '诉求'), facts([
            ['来电人', t.caller ? [t.caller.name, t.caller.phone].filter(Boolean).join(' ') : ''],
            ['渠道', CHANNEL[t.channel] || t.channel],
            ['内容', t.description, { id: 'ticket-description' }],
            ['分类', categories[t.category] || t.category || '未分类'],
            ['地址', t.location.address],
            ['紧急程度', URGENCY[t.urgency] || ''],
            ['受理时间', time(t.createdAt)],
            ['评价', t.rating ? [RATING[t.rating.score ?? t.rating], t.rating.reason].filter(Boolean).join('：') : ''],
            ['回访复核', t.verifiedRating ? [RATING[t.verifiedRating.score], t.verifiedRating.note].filter(Boolean).join('：') : '', { id: 'ticket-verified-rating' }],
            ['延期', t.extension ? `${SUPERVISION[t.extension.status]} 至 ${time(t.extension.until)}（${t.extension.reason}）` : ''],
            ['挂起', t.pause ? `${SUPERVISION[t.pause.status]}（${t.pause.reason}）` : ''],
            ['重复', t.duplicateOf ? `重复于 ${t.duplicateOf}` : t.duplicateCount ? `${t.duplicateCount} 张重复件` : ''],
          ])),
          el('div', { class: 'panel', id: 'ticket-routing' }, el('h2', {}, '派单'), r ? facts([
            ['网格', [r.districtName, r.streetName, r.communityName, r.gridName].filter(Boolean).join(' · ')],
            ['处置方式', HANDLER[r.handler] || ''],
            ['接单志愿者', r.handler === 'volunteer' ? (t.volunteer || '待志愿者接单') : ''],
            ['责任部门', r.departments.map((d) => `${ROLE[d.role]} ${d.name || d.code}`).join('，')],
            ['责任层级', LEVEL[r.level]],
            ['派单依据', (r.reasons || []).join('\n')],
          ]) : el('p', { class: 'muted' }, t.status === 'received' ? '正在派单…' : '未派单')),
          el('div', { class: 'panel' }, el('h2', {}, '时限'), facts([
            ['响应时限', t.deadlines.respondBy ? `${t.deadlines.respondByText}（${open ? respond.text : '—'}）` : '', { class: open && respond.overdue ? 'overdue' : '' }],
            ['办结时限', t.deadlines.resolveBy ? `${t.deadlines.resolveByText}（${open ? resolve.text : '—'}）` : '', { class: open && resolve.overdue ? 'overdue' : '' }],
            ['办结时间', t.resolvedAt ? time(t.resolvedAt) : ''],
          ]))),
        el('div', {},
          t.attachments && t.attachments.length ? el('section', { class: 'panel', 'aria-labelledby': 'photos-title' },
            el('h2', { id: 'photos-title' }, `现场照片 ${t.attachments.length} 张`), photos) : null,
          el('div', { class: 'panel' }, el('h2', {}, '处理过程'), el('ol', { class: 'timeline', id: 'ticket-history' },
            (t.history || []).map((h) => el('li', { dataset: { type: h.type } },
              el('strong', {}, EVENT[h.type] || h.type), ' ', el('span', { class: 'muted' }, time(h.occurredAt)),
              describe(h.data) ? el('div', {}, describe(h.data)) : null)))),
          me.role === 'department' ? null : el('div', { class: 'panel' }, el('h2', {}, '短信'), el('div', { id: 'ticket-sms' },
            messages.length ? messages.map((m) => el('div', { class: 'sms' },
              el('strong', {}, SMS_KIND[m.kind] || m.kind), ` → ${m.recipient}（${RECIPIENT[m.recipientRole] || m.recipientRole}）· ${SMS_STATUS[m.status] || m.status} · ${time(m.sentAt || m.createdAt)}`,
              el('div', { class: 'muted' }, m.text))) : el('p', { class: 'muted' }, '暂无短信'))))));
  }

  function describe(data) {
    if (!data || typeof data !== 'object') return '';
    const parts = [];
    if (Array.isArray(data.departmentNames)) parts.push(`召集：${data.departmentNames.join('、')}`);
    if (data.by) parts.push(`by: ${data.by}`);
    for (const key of ['reason', 'note', 'operator', 'actor', 'department', 'score', 'source', 'level']) {
      if (data[key] !== undefined && data[key] !== null && typeof data[key] !== 'object') parts.push(`${key}: ${data[key]}`);
    }
    return parts.join(' · ');
  }

  async function act(method, path, body) {
    const error = node.querySelector('#action-error');
    error.textContent = '';
    try {
      ticket = await api(method, path, body);
      await load();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 409 ? `不能这样操作：${e.message}` : e.message;
    }
  }

  // 延期 / 挂起 / 恢复计时: the handling party (or the centre on its behalf) asks; the centre decides.
  function supervisionRow(t) {
    const until = el('input', { id: 'extension-until', type: 'date', 'aria-label': '延期至' });
    const reason = el('input', { id: 'supervision-reason', 'aria-label': '延期或挂起的原因', placeholder: '延期或挂起的原因', maxlength: 500 });
    return el('div', { class: 'action-row' }, '督办：', until, reason,
      el('button', { id: 'extension-request', onclick: () => until.value && reason.value.trim()
        && act('POST', `/v1/tickets/${t.id}/extension`, { until: until.value, reason: reason.value.trim() }) }, '申请延期'),
      t.pausedAt ? el('button', { id: 'resume', onclick: () => act('POST', `/v1/tickets/${t.id}/resume`, {}) }, '恢复计时')
        : el('button', { id: 'pause-request', onclick: () => reason.value.trim()
          && act('POST', `/v1/tickets/${t.id}/pause`, { reason: reason.value.trim() }) }, '申请挂起'));
  }

  function actions() {
    const t = ticket;
    const rows = [];
    if (me.role === 'department') {
      const note = el('input', { id: 'task-note', 'aria-label': '说明', placeholder: '说明（退单必填原因）', maxlength: 500 });
      const reply = (action) => () => {
        if (action === 'return' && !note.value.trim()) { node.querySelector('#action-error').textContent = '退单请填写原因'; note.focus(); return; }
        act('POST', `/v1/tasks/${t.id}/${action}`, { note: note.value.trim() });
      };
      if (['assigned', 'accepted'].includes(t.status)) {
        rows.push(el('div', { class: 'action-row' }, note,
          t.status === 'assigned' ? el('button', { id: 'task-accept', class: 'primary', onclick: reply('accept') }, '签收') : null,
          t.status === 'accepted' ? el('button', { id: 'task-progress', onclick: reply('progress') }, '报告进展') : null,
          el('button', { id: 'task-resolve', class: t.status === 'accepted' ? 'primary' : '', onclick: reply('resolve') }, '办结'),
          el('button', { id: 'task-return', onclick: reply('return') }, '退单')));
        rows.push(supervisionRow(t));
      }
      return rows;
    }
    if (['assigned', 'accepted'].includes(t.status)) {
      rows.push(supervisionRow(t));
      // 吹哨报到: departments summoned onto the live ticket must report in within the respond time.
      const present = new Set((t.routing?.departments || []).map((d) => d.code));
      const summoned = el('select', { id: 'summon-department', 'aria-label': '召集部门' }, el('option', { value: '' }, '（召集部门）'),
        jurisdiction.departments.filter((d) => !present.has(d.code)).map((d) => el('option', { value: d.code }, d.name)));
      const why = el('input', { id: 'summon-note', 'aria-label': '吹哨说明', placeholder: '吹哨说明', maxlength: 500 });
      rows.push(el('div', { class: 'action-row' }, '吹哨报到：', summoned, why,
        el('button', { id: 'summon', onclick: () => summoned.value && act('POST', `/v1/tickets/${t.id}/summon`, {
          departments: [summoned.value], ...(why.value.trim() ? { note: why.value.trim() } : {}),
        }) }, '吹哨')));
      if (t.extension && t.extension.status === 'pending') {
        rows.push(el('div', { class: 'action-row' }, `延期申请至 ${time(t.extension.until)}：${t.extension.reason}`,
          el('button', { id: 'extension-approve', class: 'primary', onclick: () => act('POST', `/v1/tickets/${t.id}/extension/approve`, {}) }, '批准延期'),
          el('button', { id: 'extension-reject', onclick: () => act('POST', `/v1/tickets/${t.id}/extension/reject`, {}) }, '驳回')));
      }
      if (t.pause && t.pause.status === 'pending') {
        rows.push(el('div', { class: 'action-row' }, `挂起申请：${t.pause.reason}`,
          el('button', { id: 'pause-approve', class: 'primary', onclick: () => act('POST', `/v1/tickets/${t.id}/pause/approve`, {}) }, '批准挂起'),
          el('button', { id: 'pause-reject', onclick: () => act('POST', `/v1/tickets/${t.id}/pause/reject`, {}) }, '驳回')));
      }
    }
    if (t.status === 'returned') {
      const reason = el('input', { id: 'return-reject-reason', 'aria-label': '驳回退单的理由', placeholder: '驳回退单的理由', maxlength: 500 });
      rows.push(el('div', { class: 'action-row' }, '退单审核：', reason,
        el('button', { id: 'return-reject', onclick: () => reason.value.trim() && act('POST', `/v1/tickets/${t.id}/return/reject`, { reason: reason.value.trim() }) }, '驳回退单')));
    }
    if (t.status === 'unroutable' || t.status === 'returned' || (t.status === 'received' && !t.routing)) {
      const grid = el('select', { id: 'dispatch-grid', 'aria-label': '网格' }, el('option', { value: '' }, '（网格）'),
        jurisdiction.grids.map((g) => el('option', { value: g.code }, `${g.streetName} · ${g.communityName} · ${g.name}`)));
      const department = el('select', { id: 'dispatch-department', 'aria-label': '部门' }, el('option', { value: '' }, '（部门）'),
        jurisdiction.departments.map((d) => el('option', { value: d.code }, d.name)));
      rows.push(el('div', { class: 'action-row' }, '人工派单：', grid, department,
        el('button', { id: 'dispatch', class: 'primary', onclick: () => act('POST', `/v1/tickets/${t.id}/dispatch`, {
          ...(grid.value ? { grid: grid.value } : {}), ...(department.value ? { department: department.value } : {}),
        }) }, '派单')));
    }
    if (t.status === 'resolved' || (t.status === 'closed' && t.followUp)) {
      const reason = el('input', { id: 'rating-reason', 'aria-label': '不满意原因', placeholder: '不满意原因', maxlength: 500 });
      rows.push(el('div', { class: 'action-row' }, '回访评价：', Object.entries(RATING).map(([score, label]) =>
        el('button', { dataset: { score }, onclick: () => act('POST', `/v1/tickets/${t.id}/rating`, {
          score: Number(score), ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
        }) }, label)), reason));
    }
    // 回访复核: the follow-up call's finding, kept beside the resident's own rating (it counts in the rates).
    if (t.rating) {
      const note = el('input', { id: 'verify-note', placeholder: '回访核实情况', maxlength: 500 });
      rows.push(el('div', { class: 'action-row', id: 'verify-row' }, '回访复核：', Object.entries(RATING).map(([score, label]) =>
        el('button', { dataset: { verify: score }, onclick: () => act('POST', `/v1/tickets/${t.id}/rating/verify`, {
          score: Number(score), ...(note.value.trim() ? { note: note.value.trim() } : {}),
        }) }, label)), note));
    }
    if (t.status === 'duplicate') {
      rows.push(el('div', { class: 'action-row' }, el('button', { id: 'unlink', onclick: () => act('POST', `/v1/tickets/${t.id}/unlink`, {}) }, '解除重复关联，单独派单')));
    }
    if (OPEN.includes(t.status)) {
      const reason = el('input', { id: 'cancel-reason', 'aria-label': '撤销原因', placeholder: '撤销原因', maxlength: 200 });
      rows.push(el('div', { class: 'action-row' }, reason,
        el('button', { id: 'cancel', onclick: () => { if (confirm('确定撤销这张工单？')) act('POST', `/v1/tickets/${t.id}/cancel`, reason.value.trim() ? { reason: reason.value.trim() } : {}); } }, '撤销工单')));
    }
    return rows;
  }

  load();
  return {
    node,
    onEvent: (event) => { if (ticket && event.ticketId === ticket.id) load(); },
    onSync: () => load(),
  };
}

