// 规则推演 (admin): pick a new grids.geojson and catalog.json, replay the period's tickets
// through them (POST /v1/jurisdiction/what-if: nothing changes) and read what would have been
// different: tables, and the new map's grids coloured by how many tickets they gain or lose.
// The report downloads as JSON and as a printable HTML page.

import { api, storedKey, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { drawGrids } from '/shared/map.js';

const FIELD = { grid: '网格', community: '社区', handler: '办理方式', department: '牵头部门', urgency: '紧急程度' };
const REASON = {
  routedByEarlierVersion: '由更早的规则版本派发', routedBeforeVersionsWereKept: '派发时尚未记录规则版本',
  returned: '曾被部门退回后改派', routingDiffers: '派发与现行规则不同（如人工派单）', duplicate: '重复件', deadlineDiffers: '期限已延期或计算方式变化',
};
const pct = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
const hours = (value) => (value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)} 小时`);
const named = (code, name, field) => (code === null || code === undefined ? (field === 'department' ? '无（不转部门）' : '无（无法派发）') : name ? `${code}（${name}）` : code);

function table(id, head, rows) {
  if (!rows.length) return el('p', { class: 'muted', id }, '无');
  return el('table', { id }, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function whatIfView() {
  const gridsInput = el('input', { id: 'whatif-grids', type: 'file', accept: '.geojson,.json,application/json' });
  const catalogInput = el('input', { id: 'whatif-catalog', type: 'file', accept: '.json,application/json' });
  const since = el('select', { id: 'whatif-since' },
    [['P1D', '近 1 天'], ['P7D', '近 7 天'], ['P30D', '近 30 天'], ['P90D', '近 90 天'], ['P180D', '近 180 天'], ['P365D', '近一年']].map(([v, l]) => el('option', { value: v, selected: v === 'P90D' }, l)));
  const error = el('div', { class: 'error', id: 'whatif-error', role: 'alert' });
  const status = el('span', { class: 'muted', id: 'whatif-status', 'aria-live': 'polite' });
  const result = el('div', { id: 'whatif-result' });
  const form = el('form', { class: 'panel', id: 'whatif-form' },
    el('h2', {}, '规则推演：用新的网格图和目录回放历史工单'),
    el('p', { class: 'muted' }, '选择新的 grids.geojson 和 catalog.json，按新规则重新派发所选期间的工单，查看哪些会改变。推演不改变任何数据。'),
    el('div', { class: 'field' }, el('label', { for: 'whatif-grids' }, '网格图'), gridsInput),
    el('div', { class: 'field' }, el('label', { for: 'whatif-catalog' }, '目录'), catalogInput),
    el('div', { class: 'field' }, el('label', { for: 'whatif-since' }, '回放期间'), since),
    error,
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'whatif-run' }, '开始推演'), status));
  const node = el('div', {}, form, result);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    let body;
    try {
      const [gridsFile, catalogFile] = [gridsInput.files[0], catalogInput.files[0]];
      if (!gridsFile || !catalogFile) throw new Error('请选择网格图和目录两个文件');
      body = { grids: JSON.parse(await gridsFile.text()), catalog: JSON.parse(await catalogFile.text()), since: since.value };
    } catch (e) {
      error.textContent = e instanceof SyntaxError ? `文件不是有效的 JSON：${e.message}` : e.message;
      return;
    }
    status.textContent = '推演中…';
    fill(result);
    try {
      const report = await api('POST', '/v1/jurisdiction/what-if', body);
      status.textContent = `完成：回放 ${report.replayed} 件，用时 ${report.seconds.toFixed(1)} 秒`;
      render(report, body);
    } catch (e) {
      status.textContent = '';
      error.replaceChildren(el('div', {}, e instanceof ApiError && e.status === 400 ? '文件有误，未推演：' : `推演失败：${e.message}`),
        el('ul', {}, (e.fields || []).map((f) => el('li', {}, `${f.field}：${f.message}`))));
    }
  });

  function render(report, body) {
    const stored = report.rates.stored || {};
    const proposed = report.rates.proposed || {};
    const svg = el('svg:svg', { class: 'map whatif-map', id: 'whatif-map', role: 'img', 'aria-label': '新网格图按工单增减着色' });
    const printable = async () => {
      const response = await fetch('/v1/jurisdiction/what-if?format=html', {
        method: 'POST', headers: { Authorization: `Bearer ${storedKey()}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      download('what-if.html', 'text/html', await response.text());
    };
    fill(result,
      el('div', { class: 'panel' },
        el('h2', {}, '推演结果'),
        el('p', { id: 'whatif-summary' },
          `回放 ${report.replayed} 件工单（${report.since}），派发结果改变 ${report.changedTickets} 件；办结期限提前 ${report.deadlines.earlier} 件、推后 ${report.deadlines.later} 件、不变 ${report.deadlines.unchanged} 件。`),
        el('div', { class: 'actions' },
          el('button', { id: 'whatif-json', type: 'button', onclick: () => download('what-if.json', 'application/json', JSON.stringify(report, null, 2)) }, '下载 JSON'),
          el('button', { id: 'whatif-html', type: 'button', onclick: printable }, '下载打印版（HTML）'))),
      el('div', { class: 'panel' }, el('h2', {}, '派发变化'),
        table('whatif-changes', ['字段', '原', '新', '件数', '工单（部分）'], report.changes.map((c) => [
          FIELD[c.field] || c.field, named(c.from, c.fromName, c.field), named(c.to, c.toName, c.field), String(c.count), c.tickets.slice(0, 5).join(' ')]))),
      el('div', { class: 'panel' }, el('h2', {}, '期限变化'),
        table('whatif-deadlines', ['期限', '提前', '推后', '不变', '最少变动', '平均变动', '最多变动'], [['办结期限', report.deadlines], ['响应期限', report.respondDeadlines]]
          .map(([label, d]) => [label, String(d.earlier), String(d.later), String(d.unchanged), hours(d.minHours), hours(d.meanHours), hours(d.maxHours)])),
        table('whatif-overdue', ['', '新规则下会发生而实际未发生', '实际发生而新规则下不会发生'], [
          ['超期', String(report.overdue.became.count), String(report.overdue.ceased.count)],
          ['升级到街道或区', String(report.escalated.became.count), String(report.escalated.ceased.count)]])),
      el('div', { class: 'panel' }, el('h2', {}, '三率'),
        table('whatif-rates', ['', '现行期限', '新期限'], [['响应率', 'responseRate'], ['解决率', 'resolutionRate'], ['满意率', 'satisfactionRate'], ['按期办结率', 'onTimeResolutionRate']]
          .map(([label, key]) => [label, pct(stored[key]), pct(proposed[key])]))),
      el('div', { class: 'panel' }, el('h2', {}, '网格变化地图'),
        el('p', { class: 'muted' }, '红色：工单增加；蓝色：工单减少；橙色：件数不变但派发改变；颜色越深变化越大。'), svg),
      el('div', { class: 'panel' }, el('h2', {}, '网格员工作量变化最大'),
        table('whatif-workers', ['网格', '网格员', '原件数', '新件数', '变化'], report.workers.map((w) => [
          `${w.grid} ${w.gridName}`, w.worker, String(w.before), String(w.after), `${w.change > 0 ? '+' : ''}${w.change}`]))),
      el('div', { class: 'panel' }, el('h2', {}, `户色变化（${report.households.length} 户）`),
        table('whatif-households', ['户编号', '网格', '原颜色', '新颜色'], report.households.slice(0, 100).map((h) => [h.code, h.grid, h.from, h.to]))),
      el('div', { class: 'panel' }, el('h2', {}, '现行规则无法复现的工单'),
        table('whatif-unexplained', ['原因', '件数'], Object.entries(report.unexplained).map(([reason, t]) => [REASON[reason] || reason, String(t.count)]))));
    colourMap(svg, body.grids, report.grids);
  }

  return { node, focus: () => gridsInput.focus() };
}

/// Draws the proposed grids, each filled by the change of its tickets (red gains, blue loses).
function colourMap(svg, geojson, counts) {
  const { shapes } = drawGrids(svg, geojson, { labels: true });
  const byCode = new Map(counts.map((g) => [g.code, g]));
  const most = Math.max(1, ...counts.map((g) => Math.max(Math.abs(g.after - g.before), g.changed)));
  for (const [code, path] of shapes) {
    const g = byCode.get(code);
    const change = g ? g.after - g.before : 0;
    const changed = g ? g.changed : 0;
    const t = 0.25 + 0.75 * Math.min(1, Math.max(Math.abs(change), changed) / most);
    const [r, gr, b] = change > 0 ? [192, 57, 43] : change < 0 ? [46, 109, 164] : [214, 140, 0];
    const mix = (c) => Math.round(238 + (c - 238) * t);
    path.style.fill = change === 0 && changed === 0 ? '#eeeeee' : `rgb(${mix(r)}, ${mix(gr)}, ${mix(b)})`;
    path.dataset.change = String(change);
    path.dataset.changed = String(changed);
    path.replaceChildren(el('svg:title', {}, `${code}${g ? ` ${g.name}：${g.before} → ${g.after}，派发改变 ${changed}` : ''}`));
  }
}
