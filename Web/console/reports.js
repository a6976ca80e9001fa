// Rankings (考核排名) with the trend against the previous period, and the daily and monthly
// reports (日报, 月报): fetched with the key and opened as a page or saved as CSV.

import { api, storedKey, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';

const GROUP = { street: '街道', community: '社区', department: '部门' };
const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export function reportsView() {
  const pad = (n) => String(n).padStart(2, '0');
  const now = new Date();
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const date = el('input', { id: 'report-date', type: 'date', value: today, 'aria-label': '日报日期' });
  const month = el('input', { id: 'report-month', type: 'month', value: today.slice(0, 7), 'aria-label': '月报月份' });
  const error = el('p', { class: 'error', id: 'report-error', role: 'alert' });
  const groupBy = el('select', { id: 'ranking-group', 'aria-label': '排名口径' },
    Object.entries(GROUP).map(([value, label]) => el('option', { value }, label)));
  const table = el('div', { id: 'ranking-table' });

  async function open(path, csv) {
    error.textContent = '';
    try {
      const response = await fetch(path, { headers: { Authorization: `Bearer ${storedKey() || ''}` }, cache: 'no-store' });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      if (csv) {
        const a = el('a', { href: url, download: path.includes('daily') ? `日报-${date.value}.csv` : `月报-${month.value}.csv` });
        document.body.append(a);
        a.click();
        a.remove();
      } else {
        window.open(url, '_blank');
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      error.textContent = e.message;
    }
  }

  async function rankings() {
    error.textContent = '';
    try {
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const page = await api('GET', `/v1/rankings?groupBy=${groupBy.value}&from=${from.toISOString()}&to=${to.toISOString()}`);
      const trend = (r) => (r.rank && r.previousRank ? (r.rank < r.previousRank ? ' ↑' : r.rank > r.previousRank ? ' ↓' : ' ＝') : '');
      fill(table, el('table', { class: 'list' },
        el('tr', {}, ['排名', '上期', '名称', '受理', '响应率', '解决率', '满意率', '得分', '退单'].map((h) => el('th', {}, h))),
        page.rows.map((r) => el('tr', {},
          [r.rank ?? '—', `${r.previousRank ?? '—'}${trend(r)}`, r.name || r.code, r.received, pct(r.responseRate),
            pct(r.resolutionRate), pct(r.satisfactionRate), r.score === null ? '—' : r.score.toFixed(2), r.returns]
            .map((v) => el('td', {}, String(v)))))));
    } catch (e) {
      error.textContent = e.message;
    }
  }
  groupBy.onchange = rankings;
  rankings();

  const node = el('div', {},
    el('div', { class: 'panel' }, el('h2', {}, '报表'),
      el('div', { class: 'action-row' }, '日报：', date,
        el('button', { id: 'report-daily', class: 'primary', onclick: () => open(`/v1/reports/daily?date=${date.value}`) }, '打开'),
        el('button', { id: 'report-daily-csv', onclick: () => open(`/v1/reports/daily?date=${date.value}&format=csv`, true) }, 'CSV')),
      el('div', { class: 'action-row' }, '月报：', month,
        el('button', { id: 'report-monthly', class: 'primary', onclick: () => open(`/v1/reports/monthly?month=${month.value}`) }, '打开'),
        el('button', { id: 'report-monthly-csv', onclick: () => open(`/v1/reports/monthly?month=${month.value}&format=csv`, true) }, 'CSV')),
      error),
    el('div', { class: 'panel' }, el('h2', {}, '近30天考核排名'), el('div', { class: 'action-row' }, '口径：', groupBy), table));
  return { node };
}
