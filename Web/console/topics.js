// 每月一题 (monthly topics): the month's recurring problems - a category in one community
// (street, grid), its count against the months before, the tickets behind it - and the topics
// promoted from them, tracked with an owner department, a target date and a status.

import { api, query, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { STATUS } from '/shared/labels.js';

const TREND = { new: '新出现', rising: '上升', steady: '持平', falling: '下降' };
const TOPIC_STATUS = { open: '已立项', in_progress: '推进中', done: '已办结', dropped: '已撤销' };
const AREA = { community: '社区', street: '街道', grid: '网格' };

export function topicsView({ jurisdiction }) {
  const pad = (n) => String(n).padStart(2, '0');
  const now = new Date();
  const month = el('input', { id: 'topics-month', type: 'month', value: `${now.getFullYear()}-${pad(now.getMonth() + 1)}`, 'aria-label': '月份' });
  const area = el('select', { id: 'topics-area', 'aria-label': '区域口径' }, Object.entries(AREA).map(([value, label]) => el('option', { value }, label)));
  const error = el('p', { class: 'error', id: 'topics-error', role: 'alert' });
  const candidates = el('div', { id: 'topic-candidates' });
  const topics = el('div', { id: 'topic-list' });
  const departments = jurisdiction.departments;

  function failed(e) {
    error.textContent = e instanceof ApiError && e.status === 409 ? `不能立项：${e.message}` : e.message;
  }

  async function loadCandidates() {
    error.textContent = '';
    try {
      const page = await api('GET', `/v1/topics/candidates${query({ month: month.value, area: area.value })}`);
      const head = ['类别', AREA[page.area], '本月', ...page.previousMonths.map((m) => m.slice(2)), '趋势', '工单', ''];
      fill(candidates, page.rows.length === 0 ? el('p', { class: 'muted' }, '本月没有反复出现（3件以上）的问题。') : el('table', { class: 'list' },
        el('tr', {}, head.map((h) => el('th', {}, h))),
        page.rows.map((row) => candidateRows(row, page.month))));
    } catch (e) {
      failed(e);
    }
  }

  function candidateRows(row, label) {
    const list = el('tr', { class: 'hidden' }, el('td', { colspan: 7 + row.previous.length },
      row.tickets.map((t) => el('a', { href: `#/ticket/${t.id}`, class: 'chip' }, `${t.number} ${STATUS[t.status] || t.status}`))));
    const form = el('tr', { class: 'hidden' }, el('td', { colspan: 7 + row.previous.length }, promoteForm(row, label)));
    return [
      el('tr', { dataset: { category: row.category, area: row.area.code } },
        el('td', {}, row.categoryName || row.category), el('td', {}, row.area.name || row.area.code),
        el('td', {}, String(row.count)), row.previous.map((n) => el('td', {}, String(n))),
        el('td', { class: `trend-${row.trend}` }, TREND[row.trend] || row.trend),
        el('td', {}, el('button', { onclick: () => list.classList.toggle('hidden') }, `查看 ${row.tickets.length} 件`)),
        el('td', {}, row.topicId ? '已立项' : el('button', { class: 'primary', dataset: { promote: row.category }, onclick: () => form.classList.toggle('hidden') }, '立项'))),
      list, form,
    ];
  }

  function promoteForm(row, label) {
    const owner = el('select', { class: 'topic-owner', 'aria-label': '牵头部门' }, departments.map((d) => el('option', { value: d.code }, d.name)));
    const target = el('input', { class: 'topic-target', type: 'date', 'aria-label': '目标日期' });
    const title = el('input', { class: 'topic-title', placeholder: `${row.categoryName || row.category} · ${row.area.name || row.area.code}`, maxlength: 200 });
    const note = el('input', { class: 'topic-note', placeholder: '说明', maxlength: 1000 });
    return el('div', { class: 'action-row' }, '牵头部门：', owner, '目标日期：', target, title, note,
      el('button', { class: 'primary topic-create', onclick: async () => {
        try {
          await api('POST', '/v1/topics', {
            month: label, category: row.category, area: { level: row.area.level, code: row.area.code }, ownerDepartment: owner.value,
            targetDate: target.value, ...(title.value.trim() ? { title: title.value.trim() } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}),
          });
          await Promise.all([loadCandidates(), loadTopics()]);
        } catch (e) {
          failed(e);
        }
      } }, '确认立项'));
  }

  async function loadTopics() {
    try {
      const page = await api('GET', '/v1/topics');
      fill(topics, page.topics.length === 0 ? el('p', { class: 'muted' }, '尚无立项的题目。') : el('table', { class: 'list' },
        el('tr', {}, ['题目', '月份', '牵头部门', '目标日期', '办结/关联', '立项后新增', '状态'].map((h) => el('th', {}, h))),
        page.topics.map((t) => {
          const status = el('select', { 'aria-label': '状态', onchange: async () => {
            try {
              await api('PATCH', `/v1/topics/${t.id}`, { status: status.value });
              await loadTopics();
            } catch (e) {
              failed(e);
            }
          } }, Object.entries(TOPIC_STATUS).map(([value, name]) => el('option', { value, selected: value === t.status }, name)));
          return el('tr', { dataset: { topic: t.id }, class: t.overdue ? 'overdue' : '' },
            el('td', {}, t.title), el('td', {}, t.month), el('td', {}, t.ownerDepartmentName || t.ownerDepartment),
            el('td', {}, `${t.targetDate}${t.overdue ? '（已逾期）' : ''}`), el('td', {}, `${t.resolved}/${t.tickets}`),
            el('td', {}, String(t.since)), el('td', {}, status));
        })));
    } catch (e) {
      failed(e);
    }
  }

  month.onchange = loadCandidates;
  area.onchange = loadCandidates;
  loadCandidates();
  loadTopics();
  const node = el('div', {},
    el('div', { class: 'panel' }, el('h2', {}, '每月一题 · 本月反复出现的问题'),
      el('div', { class: 'action-row' }, '月份：', month, '口径：', area), error, candidates),
    el('div', { class: 'panel' }, el('h2', {}, '已立项的题目'), topics));
  return { node };
}
