// 地图: the community's grids drawn from their GeoJSON (shared/map.js: SVG, no tiles, nothing
// fetched from elsewhere), the worker's own grid marked, and each open task as a numbered pin at
// its position (or, without one, near its grid's centre). Below the map the same numbers list
// the tasks; tapping a pin or a line opens the task in the task list. Loaded on first use.

import { api } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';
import { drawGrids } from '/shared/map.js';
import { timeLeft } from '/shared/labels.js';

let geojson = null;

/// Draws the map tab into `main` for `me` ({role, grid, grids}) and `tasks`; `show(id)` opens a task.
export async function renderMap(main, { me, tasks, isMajor, show }) {
  geojson = geojson || await api('GET', '/v1/jurisdiction/grids');
  const mine = me.role === 'grid' ? me.grid : null;
  const svg = el('svg:svg', { class: 'map', id: 'grid-map', role: 'img', 'aria-labelledby': 'map-title map-summary' });
  const drawn = drawGrids(svg, geojson, { labels: true });
  for (const [code, path] of drawn.shapes) path.classList.toggle('mine', code === mine || (!mine && me.role === 'secretary'));

  // Pins: the reported position when it lies on the map, else a small ring around the grid's centre.
  const placed = new Map();
  const pins = tasks.map((t, index) => {
    let point = null;
    const { lat, lon } = t.location || {};
    if (typeof lat === 'number' && typeof lon === 'number') {
      const [x, y] = drawn.project([lon, lat]);
      if (x >= 0 && x <= drawn.width && y >= 0 && y <= drawn.height) point = [x, y];
    }
    if (!point) {
      const centre = drawn.centre(t.routing?.grid) || [drawn.width / 2, drawn.height / 2];
      const n = placed.get(t.routing?.grid) || 0;
      placed.set(t.routing?.grid, n + 1);
      const angle = n * 2.4;
      const radius = n ? 40 + 12 * n : 0;
      point = [centre[0] + radius * Math.cos(angle), centre[1] + radius * Math.sin(angle)];
    }
    const overdue = timeLeft(t.deadlines.resolveBy).overdue;
    const pin = el('svg:g', { class: `pin${isMajor(t) ? ' major' : ''}${overdue ? ' overdue' : ''}`, dataset: { id: t.id }, transform: `translate(${point[0].toFixed(1)},${point[1].toFixed(1)})` },
      el('svg:circle', { r: 30 }), el('svg:text', { 'text-anchor': 'middle', dy: '0.35em' }, String(index + 1)),
      el('svg:title', {}, `${index + 1}. ${t.number} ${t.description}`));
    pin.addEventListener('click', () => show(t.id));
    return pin;
  });
  svg.append(...pins);

  const gridName = (code) => (me.grids || []).find((g) => g.code === code)?.name || code || '';
  fill(main,
    el('h2', { id: 'map-title' }, mine ? `我的网格：${gridName(mine)}` : `${me.communityName || '本社区'}网格地图`),
    el('p', { id: 'map-summary', class: 'meta' }, tasks.length ? `图上 ${tasks.length} 件待办，数字与下方列表对应。` : '暂无待办任务。'),
    svg,
    el('p', { class: 'legend meta' }, el('span', { class: 'swatch mine' }), mine ? ' 本网格 ' : ' 本社区 ',
      el('span', { class: 'swatch pin-ok' }), ' 待办 ', el('span', { class: 'swatch pin-bad' }), ' 三重或超时'),
    tasks.length ? el('ol', { class: 'map-list' }, tasks.map((t) => el('li', {},
      el('button', { type: 'button', class: 'map-task', dataset: { id: t.id }, onclick: () => show(t.id) },
        `${t.number} · ${t.location?.address || gridName(t.routing?.grid)} · ${timeLeft(t.deadlines.resolveBy).text}`)))) : null);
}

/// A map to pick where a patrol report is (巡查上报): a tap marks the spot and calls
/// onPick({ lat, lon, grid }).
export async function pickOnMap(container, onPick) {
  geojson = geojson || await api('GET', '/v1/jurisdiction/grids');
  const svg = el('svg:svg', { class: 'map pick', id: 'report-map', role: 'img', 'aria-label': '地图选点：点击问题所在位置' });
  let spot = null;
  const drawn = drawGrids(svg, geojson, {
    labels: true,
    onPick: (code, point) => {
      for (const [c, path] of drawn.shapes) path.classList.toggle('mine', c === code);
      spot?.remove();
      const [x, y] = drawn.project([point.lon, point.lat]);
      spot = el('svg:circle', { class: 'spot', r: 18, cx: x.toFixed(1), cy: y.toFixed(1) });
      svg.append(spot);
      onPick({ ...point, grid: code });
    },
  });
  fill(container, svg);
}
